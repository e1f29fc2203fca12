// Reading the audit log, newest first, with simple filters.
import { likeLiteral } from "../db/like";
import type { Prisma } from "../db/generated/client";
import { db as defaultDb, type Db } from "../db/client";

export async function listAuditEvents(input: { action?: string; subject?: string; page: number; pageSize: number }, client: Db = defaultDb()) {
  const where: Prisma.AuditEventWhereInput = {
    ...(input.action ? { action: { startsWith: likeLiteral(input.action) } } : {}),
    ...(input.subject ? { subject: { contains: likeLiteral(input.subject.trim().toLowerCase()) } } : {}),
  };
  const [events, total] = await client.$transaction([
    client.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    client.auditEvent.count({ where }),
  ]);
  return { events: events.map((e) => ({ ...e, id: e.id.toString() })), total };
}

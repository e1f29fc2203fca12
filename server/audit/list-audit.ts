// Reading the audit log, newest first, with simple filters.
import type { z } from "zod";
import { likeLiteral } from "../db/like";
import type { Prisma } from "../db/generated/client";
import type { HandlerArgs } from "../handler";
import type { listAuditInput } from "./schemas";

export async function listAuditEvents({ ctx, input }: HandlerArgs<z.infer<typeof listAuditInput>>) {
  const client = ctx.db;
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

// The audit log's filter as a Prisma where clause: shared by the page (audit.list) and the export,
// so an export holds exactly the rows the admin was looking at.
import type { Prisma } from "../db/generated/client";
import { likeLiteral } from "../db/like";
import type { AuditFilter } from "./schemas";

/** The actor filter's value for events nobody signed in caused (sign-in attempts, the system). */
export const SYSTEM_ACTOR = "system";

export function auditWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actor ? { actorEmail: filter.actor === SYSTEM_ACTOR ? null : filter.actor } : {}),
    ...(filter.actions ? { action: { in: filter.actions } } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
    ...(filter.subject ? { subject: { contains: likeLiteral(filter.subject), mode: "insensitive" as const } } : {}),
  };
}

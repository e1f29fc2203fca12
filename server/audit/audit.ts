// The audit log: one row per security-relevant event. Writers pass the transaction client they
// are in, so an audited change and its audit row commit or roll back together.
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

export type AuditActor = { id: string; email: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subject?: string | null;
  outcome: "success" | "failure" | "denied";
  ip?: string | null;
  details?: Prisma.InputJsonValue;
};

type AuditWriter = Pick<Db, "auditEvent"> | Prisma.TransactionClient;

export async function recordAudit(client: AuditWriter, entry: AuditEntry): Promise<void> {
  await recordAuditWithId(client, entry);
}

/** The same, answering the new event's id (the export reads up to its own audit row). */
export async function recordAuditWithId(client: AuditWriter, entry: AuditEntry): Promise<bigint> {
  const row = await client.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      subject: entry.subject ?? null,
      outcome: entry.outcome,
      ip: entry.ip ?? null,
      details: entry.details,
    },
    select: { id: true },
  });
  return row.id;
}

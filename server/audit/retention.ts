// Retention of the audit log: events older than the "audit.retentionDays" setting (Admin › Settings;
// PORTAL_AUDIT_RETENTION_DAYS locks it) are deleted, in
// batches (each its own short statement, so a first sweep over millions of old rows never holds
// one huge transaction or lock), on ONE replica at a time (a session advisory lock, as the catalog
// crawl and the demo pipeline take), hourly. The sweep is audited with how many events it removed.
// The setting is read at every tick, so a change on any replica applies at the next sweep.
import { settingValue } from "../settings/effective";
import type { Db } from "../db/client";
import { db as defaultDb } from "../db/client";
import { tryAdvisoryLock } from "../db/advisory-lock";
import { getRuntime } from "../runtime";
import { logger } from "../logger";
import { startPeriodic, type Periodic } from "../periodic";
import { recordAudit } from "./audit";

export const AUDIT_RETENTION_LOCK = 0x61756474; // "audt"
export const SWEEP_BATCH = 10_000;
const DAY_MS = 86_400_000;
const TICK_MS = 60 * 60_000;
const FIRST_TICK_MS = 60_000;

/** Days to keep audit events; 0 keeps them forever (the default). */
export function auditRetentionDays(): number {
  return settingValue("audit.retentionDays");
}

export type AuditSweep = { deleted: number; batches: number; cutoff: Date };

/** Deletes the events before `now - days`, batch by batch; audits the sweep when it removed any. */
export async function sweepAuditEvents(client: Db, days: number, now: Date = new Date(), batch = SWEEP_BATCH): Promise<AuditSweep> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let deleted = 0;
  let batches = 0;
  if (days <= 0) return { deleted, batches, cutoff };
  for (;;) {
    const n = await client.$executeRaw`
      DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ${cutoff} ORDER BY id LIMIT ${batch})`;
    batches += 1;
    deleted += n;
    if (n < batch) break;
  }
  if (deleted > 0) {
    await recordAudit(client, {
      actor: null,
      action: "audit.swept",
      subject: "audit log",
      outcome: "success",
      details: { deleted, before: cutoff.toISOString(), retentionDays: days },
    });
  }
  return { deleted, batches, cutoff };
}

/** One sweep on whichever replica gets the lock; null when another replica is sweeping. */
export async function sweepOnce(databaseUrl: string, client: Db, days: number, now?: Date): Promise<AuditSweep | null> {
  const lock = await tryAdvisoryLock(databaseUrl, AUDIT_RETENTION_LOCK, "audit-retention", "audit retention");
  if (!lock) return null;
  try {
    return await sweepAuditEvents(client, days, now);
  } finally {
    await lock.release();
  }
}

/** Starts the hourly sweep in this process; call once, from the launcher. */
export function startAuditRetention(options: { tickMs?: number; firstTickMs?: number } = {}): Periodic {
  return startPeriodic({
    firstTickMs: options.firstTickMs ?? FIRST_TICK_MS,
    tickMs: options.tickMs ?? TICK_MS,
    failure: "removing old audit events failed; trying again later",
    run: async () => {
      const days = auditRetentionDays();
      if (days === 0) return;
      const sweep = await sweepOnce(getRuntime().databaseUrl, defaultDb(), days);
      if (sweep?.deleted) logger.info({ deleted: sweep.deleted, before: sweep.cutoff.toISOString() }, "old audit events removed");
    },
  });
}

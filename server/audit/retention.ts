// Retention of the audit log: events older than PORTAL_AUDIT_RETENTION_DAYS are deleted, in
// batches (each its own short statement, so a first sweep over millions of old rows never holds
// one huge transaction or lock), on ONE replica at a time (a session advisory lock, as the catalog
// crawl and the demo pipeline take), hourly. The sweep is audited with how many events it removed.
//
// The setting is read from the environment here, validated, because the portal settings registry
// (server/settings) does not exist yet; when it does, `auditRetentionDays` belongs there.
import { z } from "zod";
import type { Db } from "../db/client";
import { db as defaultDb } from "../db/client";
import { tryAdvisoryLock } from "../db/advisory-lock";
import { getRuntime } from "../runtime";
import { logger } from "../logger";
import { recordAudit } from "./audit";

export const AUDIT_RETENTION_LOCK = 0x61756474; // "audt"
export const SWEEP_BATCH = 10_000;
const DAY_MS = 86_400_000;
const TICK_MS = 60 * 60_000;
const FIRST_TICK_MS = 60_000;

const retentionDays = z.coerce
  .number("PORTAL_AUDIT_RETENTION_DAYS must be a number of days")
  .int("PORTAL_AUDIT_RETENTION_DAYS must be a whole number of days")
  .min(0, "PORTAL_AUDIT_RETENTION_DAYS must be 0 (keep forever) or more")
  .max(36_500, "PORTAL_AUDIT_RETENTION_DAYS must be at most 36500");

/** Days to keep audit events; 0 keeps them forever (the default). Throws with the variable's name when invalid. */
export function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PORTAL_AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return 0;
  const parsed = retentionDays.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return parsed.data;
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
export function startAuditRetention(options: { tickMs?: number; firstTickMs?: number } = {}): { stop(): void } {
  const days = auditRetentionDays();
  let sweeping = false;
  const tick = async () => {
    if (sweeping || days === 0) return;
    sweeping = true;
    try {
      const sweep = await sweepOnce(getRuntime().databaseUrl, defaultDb(), days);
      if (sweep?.deleted) logger.info({ deleted: sweep.deleted, before: sweep.cutoff.toISOString() }, "old audit events removed");
    } catch (err) {
      logger.warn({ err }, "removing old audit events failed; trying again later");
    } finally {
      sweeping = false;
    }
  };
  const first = setTimeout(() => void tick(), options.firstTickMs ?? FIRST_TICK_MS);
  const timer = setInterval(() => void tick(), options.tickMs ?? TICK_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

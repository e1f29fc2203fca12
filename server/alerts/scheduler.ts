// Alerts in the background: every PORTAL_ALERTS_EVALUATE_SECONDS each replica tries to claim
// the evaluator's lease; the holder evaluates the rules (so one replica evaluates at a time, and a
// replica that dies hands over when its lease expires). Every replica then runs a delivery pass:
// the outbox's FOR UPDATE SKIP LOCKED claim keeps two passes off the same message.
import { randomUUID } from "node:crypto";
import { settingValue } from "../settings/effective";
import { db as defaultDb, type Db } from "../db/client";
import { logger } from "../logger";
import { claimLease, evaluateRules } from "./evaluate";
import { encryptLegacyChannelSecrets } from "./channel-secret";
import { refreshRunDayRollup } from "../pipelines/rollup";
import { deliverDue, type DeliveryOptions } from "./outbox";

export type AlertTickResult = { evaluated: boolean; fired: number; delivered: number };

/** One tick of one replica (`holder`): evaluate if it holds the lease, then deliver what is due. */
export async function alertTick(client: Db, holder: string, leaseMs: number, delivery: DeliveryOptions = {}): Promise<AlertTickResult> {
  const evaluated = await claimLease(client, holder, leaseMs);
  // The lease holder also encrypts channel secrets saved before encryption at rest (channel-secret.ts).
  if (evaluated) await encryptLegacyChannelSecrets(client);
  // …and keeps the pipelines page's runs-per-day rollup current (server/pipelines/rollup.ts); a failure there never stops alerts.
  if (evaluated) await refreshRunDayRollup(client).catch((err: unknown) => logger.warn({ err }, "could not refresh the runs-per-day rollup"));
  const fired = evaluated ? await evaluateRules(client) : [];
  const outcomes = await deliverDue(client, delivery);
  return { evaluated, fired: fired.length, delivered: outcomes.filter((o) => o.status === "delivered").length };
}

/** Starts the schedule in this process; call once, from the launcher. */
export function startAlerts(options: { seconds?: number; client?: () => Db } = {}): { stop(): Promise<void> } {
  const seconds = options.seconds ?? settingValue("alerts.evaluateSeconds"); // Admin › Settings; read at start
  if (seconds <= 0) {
    logger.info("alert evaluation is off (PORTAL_ALERTS_EVALUATE_SECONDS=0)");
    return { stop: async () => {} };
  }
  const holder = randomUUID();
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = alertTick((options.client ?? defaultDb)(), holder, seconds * 3_000)
      .catch((err: unknown) => logger.warn({ err }, "alert tick failed"))
      .finally(() => (current = null));
  };
  const timer = setInterval(tick, seconds * 1_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

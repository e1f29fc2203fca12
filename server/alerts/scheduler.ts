// Alerts in the background: every alerts.evaluateSeconds (Admin › Settings, or
// PORTAL_ALERTS_EVALUATE_SECONDS, which locks it; followed live) each replica tries to claim
// the evaluator's lease; the holder evaluates the rules (so one replica evaluates at a time, and a
// replica that dies hands over when its lease expires). Every replica then runs a delivery pass:
// the outbox's FOR UPDATE SKIP LOCKED claim keeps two passes off the same message.
import { randomUUID } from "node:crypto";
import { settingValue } from "../settings/effective";
import { settingsSnapshot, type SettingsSnapshot } from "../settings/snapshot-slot";
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

export type AlertScheduleOptions = {
  /** A fixed interval (tests); default: the setting alerts.evaluateSeconds, followed live. */
  seconds?: number;
  client?: () => Db;
  /** The settings this process follows (default: the launcher's snapshot). */
  settings?: SettingsSnapshot | null;
  /** One tick (default alertTick); tests count ticks without a database. */
  tick?: (client: Db, holder: string, leaseMs: number) => Promise<unknown>;
};

export type AlertSchedule = { stop(): Promise<void>; /** The interval in use now (0: off). */ seconds(): number };

/**
 * Starts the schedule in this process; call once, from the launcher. The interval follows
 * Admin › Settings: the settings snapshot polls settings_revision on every replica (2 s), and on
 * a change the timer is replaced with one at the new interval (0 stops it, a value above 0 starts
 * it again), so a saved interval applies on every replica within seconds, without a restart.
 */
export function startAlerts(options: AlertScheduleOptions = {}): AlertSchedule {
  const settings = options.settings === undefined ? settingsSnapshot() : options.settings;
  const read = () => options.seconds ?? settingValue("alerts.evaluateSeconds", settings);
  const runTick = options.tick ?? alertTick;
  const holder = randomUUID();
  let current: Promise<unknown> | null = null;
  let stopped = false;
  let seconds = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (current || stopped) return;
    current = runTick((options.client ?? defaultDb)(), holder, seconds * 3_000) // lease = 3 ticks
      .catch((err: unknown) => logger.warn({ err }, "alert tick failed"))
      .finally(() => (current = null));
  };
  const schedule = (next: number) => {
    if (next === seconds) return;
    const before = seconds;
    seconds = next;
    clearInterval(timer);
    timer = undefined;
    if (seconds > 0) {
      timer = setInterval(tick, seconds * 1_000);
      timer.unref();
    }
    if (seconds <= 0) logger.info("alert evaluation is off (alerts.evaluateSeconds = 0)");
    else if (before > 0) logger.info({ seconds, before }, "alert evaluation interval changed");
  };
  schedule(read());
  // Only a fixed interval ignores the settings.
  const unsubscribe = options.seconds === undefined && settings ? settings.onChange(() => schedule(read())) : () => {};
  return {
    seconds: () => seconds,
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      await current;
    },
  };
}

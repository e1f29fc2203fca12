// Start-up refusals that belong to running several replicas, and the shutdown deadline.
// PORTAL_SHUTDOWN_SECONDS is read here rather than in server/config/env.ts only because that file
// is being reworked at the same time; it is validated the same way (a bad value stops start-up
// with a message naming the variable) and should move there.
import { z } from "zod";

export class LifecycleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LifecycleConfigError";
  }
}

/**
 * With DATABASE_URL (production, usually several replicas) the secret key must come from
 * PORTAL_SECRET_KEY: without it each replica would create its own key file in its own data folder
 * and none could read the secrets the others stored.
 */
export function requireSharedSecretKey(config: { DATABASE_URL?: string; PORTAL_SECRET_KEY?: string; VAULT_ADDR?: string }): void {
  if (config.DATABASE_URL && !config.PORTAL_SECRET_KEY) {
    throw new LifecycleConfigError(
      "PORTAL_SECRET_KEY: must be set when DATABASE_URL is set. Every replica needs the same key for stored secrets; " +
        "without it each would create its own key file. Create one with `openssl rand -base64 32` and give it to every replica (a Kubernetes Secret).",
    );
  }
}

const shutdownSeconds = z.coerce
  .number("must be a number of seconds")
  .int("must be a whole number of seconds")
  .min(0, "must be 0 (stop at once) or more")
  .max(3_600, "must be at most 3600 (an hour)")
  .default(25);

/**
 * How long running streams and uploads may go on after SIGTERM. The default (25 s) fits inside
 * Kubernetes' terminationGracePeriodSeconds of 30 with time left to close the engines.
 */
export function shutdownDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORTAL_SHUTDOWN_SECONDS?.trim();
  const parsed = shutdownSeconds.safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) throw new LifecycleConfigError(`PORTAL_SHUTDOWN_SECONDS: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data * 1000;
}

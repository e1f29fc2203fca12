// Start-up refusals that belong to running several replicas: checks across variables that
// server/config/env.ts leaves to the launcher because their message is about replicas.

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

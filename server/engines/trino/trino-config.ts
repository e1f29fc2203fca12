// The Trino engine's settings from the validated portal configuration (server/config/env.ts).
import { readFileSync } from "node:fs";
import type { PortalConfig } from "../../config/env";
import type { TrinoEngineConfig } from "./trino-engine";

type TrinoEnv = Pick<PortalConfig, "TRINO_URL" | "TRINO_CATALOG" | "TRINO_SCHEMA" | "TRINO_USER" | "TRINO_PASSWORD" | "TRINO_CA_FILE" | "TRINO_TLS_INSECURE" | "TRINO_SOURCE">;

/** The Trino engine configuration, or null when TRINO_URL is not set (no Trino engine). */
export function trinoEngineConfig(env: TrinoEnv): TrinoEngineConfig | null {
  if (!env.TRINO_URL) return null;
  const ca = env.TRINO_CA_FILE ? readFileSync(env.TRINO_CA_FILE) : undefined;
  const ssl = ca || env.TRINO_TLS_INSECURE ? { ...(ca ? { ca } : {}), ...(env.TRINO_TLS_INSECURE ? { rejectUnauthorized: false } : {}) } : null;
  return {
    url: env.TRINO_URL,
    catalog: env.TRINO_CATALOG ?? null,
    schema: env.TRINO_SCHEMA ?? null,
    source: env.TRINO_SOURCE,
    auth: env.TRINO_USER && env.TRINO_PASSWORD ? { user: env.TRINO_USER, password: env.TRINO_PASSWORD } : null,
    ssl,
  };
}

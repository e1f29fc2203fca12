// JSON logs on stdout (pino): one line per event, easy to ship to any log stack.
import pino from "pino";
import { getConfig } from "./config/env";

const globalForLogger = globalThis as unknown as { portalLogger?: pino.Logger };

export const logger: pino.Logger =
  globalForLogger.portalLogger ??
  (globalForLogger.portalLogger = pino({
    level: configuredLevel(),
    base: { service: "lakehouse-portal" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "secret"], censor: "[redacted]" },
  }));

function configuredLevel(): string {
  try {
    return getConfig().LOG_LEVEL;
  } catch {
    return "info"; // the launcher reports configuration errors itself
  }
}

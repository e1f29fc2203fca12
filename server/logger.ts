// JSON logs on stdout (pino): one line per event, easy to ship to any log stack.
import pino from "pino";
import { getConfig } from "./config/env";
import { processSlot } from "./process-slot";

// One logger per process (server/process-slot.ts): one level, one stream, whichever module
// instance logs.
const shared = processSlot<pino.Logger>("logger");

export const logger: pino.Logger =
  shared.value ??
  (shared.value = pino({
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

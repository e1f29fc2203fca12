// Whether this process exports traces: set by tracing.ts at start-up (the launcher), read by
// spans.ts in every module instance (route handlers are bundled by Next; a process slot is
// shared by all of them, server/process-slot.ts). Kept apart from tracing.ts so that the
// bundles never pull in the SDK that only the launcher loads.
import { processSlot } from "../process-slot";

export const activeTracing = processSlot<{ stop(): Promise<void> }>("tracing");

/** True once startTracing registered a provider in this process. */
export function tracingEnabled(): boolean {
  return activeTracing.value !== undefined;
}

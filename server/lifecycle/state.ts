// Where the process is in its life: starting (not ready yet), ready, or draining after SIGTERM.
// In a process slot because the launcher sets it and the health route handlers (another module
// instance inside Next's bundle) read it (server/process-slot.ts says why).
import { processSlot } from "../process-slot";

export type LifecyclePhase = "starting" | "ready" | "draining";

const phase = processSlot<LifecyclePhase>("lifecycle-phase");

export function lifecyclePhase(): LifecyclePhase {
  return phase.value ?? "starting";
}

export function setLifecyclePhase(next: LifecyclePhase): void {
  phase.value = next;
}

// Facts the launcher (server/main.ts) settles at start-up and the request-handling code needs:
// the database URL actually in use (the embedded one has a port chosen at run time) and the
// session secret (shared by all replicas through the database). In a process slot: the launcher
// sets them, pages and route handlers read them (server/process-slot.ts says why).
import { processSlot } from "./process-slot";

export type PortalRuntime = {
  databaseUrl: string;
  authSecret: string;
};

const current = processSlot<PortalRuntime>("runtime");

export function setRuntime(runtime: PortalRuntime): void {
  current.value = runtime;
}

export function getRuntime(): PortalRuntime {
  if (!current.value) {
    throw new Error("The portal runtime is not initialised: start the portal with `npm start` (server/main.ts).");
  }
  return current.value;
}

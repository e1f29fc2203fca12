// Facts the launcher (server/main.ts) settles at start-up and the request-handling code needs:
// the database URL actually in use (the embedded one has a port chosen at run time) and the
// session secret (shared by all replicas through the database). Kept on globalThis because the
// launcher and Next's compiled server code each hold their own copy of this module.
export type PortalRuntime = {
  databaseUrl: string;
  authSecret: string;
};

const holder = globalThis as unknown as { portalRuntime?: PortalRuntime };

export function setRuntime(runtime: PortalRuntime): void {
  holder.portalRuntime = runtime;
}

export function getRuntime(): PortalRuntime {
  if (!holder.portalRuntime) {
    throw new Error("The portal runtime is not initialised: start the portal with `npm start` (server/main.ts).");
  }
  return holder.portalRuntime;
}

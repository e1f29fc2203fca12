// Where the rest of the portal finds this process's live connections (./live.ts), without
// importing the builders: the connection handlers show each connection's applied status and ask
// for an immediate re-read after a change (live.ts imports the probes, which import the handlers).
import { processSlot } from "../process-slot";

export type AppliedState =
  /** Built and offered: an engine in the registry, or the object store. */
  | "in-use"
  /** Could not be built (its message says why); left out. */
  | "failed"
  /** Built would be possible, but another one is used (only one object store). */
  | "not-used"
  | "disabled";

export type AppliedStatus = {
  state: AppliedState;
  message: string | null;
  /** The engine id it is offered under (Trino). */
  engineId: string | null;
  /** The background check after building: null while it runs (or for disabled ones). */
  check: { ok: boolean; message: string; at: Date } | null;
};

export type LiveConnectionsHandle = {
  /** Resolves after the first read of the stored connections (applied or not). */
  ready: Promise<void>;
  /** Re-read now (this process just wrote a connection); resolves when applied. */
  refresh: () => Promise<void>;
  status: (connectionId: string) => AppliedStatus | undefined;
};

const live = processSlot<LiveConnectionsHandle>("connections-live");

/** This process's live connections (null before the engines start, and in tests that start none). */
export function liveConnections(): LiveConnectionsHandle | null {
  return live.value ?? null;
}

export function setLiveConnections(value: LiveConnectionsHandle | undefined): void {
  live.value = value;
}

// OpenLineage run states as the pipelines pages show them, shared by the server (filters) and the
// components (badges, polling). A run in a terminal state never changes again (the lineage model
// never lets a START undo a COMPLETE), so pages stop polling it.
export const RUN_STATES = ["NEW", "START", "RUNNING", "COMPLETE", "FAIL", "ABORT"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const TERMINAL_STATES: readonly string[] = ["COMPLETE", "FAIL", "ABORT"];

export function isTerminal(state: string): boolean {
  return TERMINAL_STATES.includes(state);
}

/** The states a user filters by: "running" covers START and RUNNING (a run that has begun). */
export const STATE_FILTERS = ["running", "COMPLETE", "FAIL", "ABORT"] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export function statesOf(filter: StateFilter): string[] {
  return filter === "running" ? ["NEW", "START", "RUNNING"] : [filter];
}

export const WINDOWS = { "24h": 1, "7d": 7, "30d": 30 } as const;
export type Window = keyof typeof WINDOWS;

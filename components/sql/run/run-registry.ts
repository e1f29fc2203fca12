// The latest run of each editor tab, kept at module level so results survive moving to the
// history page and back (client-side navigation keeps modules loaded). Closing a tab disposes
// its run; starting a new run in a tab cancels the previous one.
import { QueryRun, type QueryRunDeps } from "./query-run";
import type { ExecuteBody } from "./types";

const runs = new Map<string, QueryRun>();
const listeners = new Set<() => void>();

export function runFor(tabId: string): QueryRun | undefined {
  return runs.get(tabId);
}

export function startRun(tabId: string, request: ExecuteBody, deps: QueryRunDeps): QueryRun {
  runs.get(tabId)?.dispose();
  const run = new QueryRun(request, deps);
  runs.set(tabId, run);
  notify();
  void run.start();
  return run;
}

/** Shows a run's kept result in the tab without running the statement (after a reload, or "Open result"). */
export function reopenRun(tabId: string, runId: string, request: ExecuteBody, deps: QueryRunDeps): QueryRun {
  runs.get(tabId)?.dispose();
  const run = new QueryRun(request, deps, runId);
  runs.set(tabId, run);
  notify();
  void run.start();
  return run;
}

export function disposeRun(tabId: string): void {
  runs.get(tabId)?.dispose();
  if (runs.delete(tabId)) notify();
}

/** Runs added or removed (not their progress: subscribe to the run itself for that). */
export function subscribeRuns(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

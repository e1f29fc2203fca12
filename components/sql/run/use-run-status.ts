"use client";
// Only the status of a tab's run (for the tab bar).
import { useSyncExternalStore } from "react";
import { runFor, subscribeRuns } from "./run-registry";
import { useRunValue } from "./use-query-run";
import type { RunStatus } from "./types";

export function useRunStatus(tabId: string): RunStatus | null {
  const run = useSyncExternalStore(
    subscribeRuns,
    () => runFor(tabId),
    () => undefined,
  );
  return useRunValue(run, (snapshot) => snapshot.status);
}

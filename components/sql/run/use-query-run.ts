"use client";
// React's handles on the runs. Rows stream in at up to one snapshot per frame, so components
// subscribe to as little as they need: the workbench to the status and error only (it does not
// re-render while rows stream), the progress bar and the results to the whole snapshot.
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useTRPCClient } from "@/components/trpc/react";
import { browserDeps, type QueryRun } from "./query-run";
import { reopenRun, runFor, startRun, subscribeRuns } from "./run-registry";
import type { ExecuteBody, RunSnapshot } from "./types";

function noSubscription(): () => void {
  return () => undefined;
}

/** The latest run of a tab, and starting or cancelling one. */
export function useQueryRun(tabId: string) {
  const trpcClient = useTRPCClient();
  const run = useSyncExternalStore(
    subscribeRuns,
    () => runFor(tabId),
    () => undefined,
  );
  const deps = useMemo(() => browserDeps((runId) => trpcClient.sql.cancel.mutate({ runId })), [trpcClient]);
  const execute = useCallback((request: ExecuteBody) => startRun(tabId, request, deps), [tabId, deps]);
  const reopen = useCallback((runId: string, request: ExecuteBody) => reopenRun(tabId, runId, request, deps), [tabId, deps]);
  const cancel = useCallback(() => runFor(tabId)?.cancel(), [tabId]);
  return { run, execute, reopen, cancel };
}

/** One field of a run's snapshot; re-renders only when that field changes. */
export function useRunValue<T>(run: QueryRun | undefined, select: (snapshot: RunSnapshot) => T): T | null {
  return useSyncExternalStore(
    run?.subscribe ?? noSubscription,
    () => (run ? select(run.getSnapshot()) : null),
    () => null,
  );
}

/** The whole snapshot: re-renders once per frame while rows stream in. */
export function useRunSnapshot(run: QueryRun | undefined): RunSnapshot | null {
  return useRunValue(run, (snapshot) => snapshot);
}

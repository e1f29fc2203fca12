"use client";
// Results come back after a reload: when a run ends with its result kept on the server, the tab
// remembers the run's id (in localStorage, with the tab); a tab that has such an id but no run in
// this page re-opens the kept result, which streams like a run but never runs the statement.
// A result that is no longer kept ends as a refusal that says so, and the id is forgotten.
import { useEffect, useEffectEvent } from "react";
import type { TabsStore, WorkbenchTab } from "../tabs/tabs-store";
import type { QueryRun } from "./query-run";
import type { ExecuteBody } from "./types";
import { useRunValue } from "./use-query-run";

export function useKeptResult(tab: WorkbenchTab, store: TabsStore, run: QueryRun | undefined, reopen: (runId: string, request: ExecuteBody) => void): void {
  const status = useRunValue(run, (s) => s.status);

  // Re-open: the tab had a kept result, and this page has no run for it yet. Only when the tab or
  // its kept run changes, not on every keystroke of its SQL: the effect event reads the tab's
  // latest SQL and settings without being a dependency.
  const reopenKept = useEffectEvent((runId: string) => reopen(runId, { engineId: tab.engineId ?? "", sql: tab.sql, catalog: tab.catalog, schema: tab.schema, limit: tab.limit }));
  useEffect(() => {
    if (run || !tab.keptRunId) return;
    reopenKept(tab.keptRunId);
  }, [tab.id, tab.keptRunId, run, reopen]);

  // Remember: when a run ends, keep its id if the server kept its result, else forget the old one.
  useEffect(() => {
    if (!run || !status || status === "running") return;
    const { runId, keptUntil } = run.getSnapshot();
    const kept = keptUntil ? runId : null;
    if (store.getSnapshot().tabs.find((t) => t.id === tab.id)?.keptRunId !== kept) store.update(tab.id, { keptRunId: kept });
  }, [run, status, store, tab.id]);
}

"use client";
// The plan of the last explained statement, under the editor: loading, the engine's refusal or
// error in words, or the plan as a tree. Closing it returns to the results.
import { LoaderCircle, Network, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { Alert } from "@/components/ui/alert";
import { focusRing } from "@/components/ui/button";
import { PlanTree, type PlanNode } from "./plan-tree";

export type ExplainState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; engineKind: string; plan: PlanNode[] };

export function ExplainPanel({ state, onClose }: { state: ExplainState; onClose: () => void }) {
  return (
    <section
      aria-label="Query plan"
      aria-busy={state.status === "loading" || undefined}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      data-testid="explain-panel"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
        <Network aria-hidden className="size-4 text-slate-500" />
        <h2 className="flex-1 text-sm font-semibold text-slate-800 dark:text-slate-100">
          Query plan
          {state.status === "ready" && (
            <span className="ml-2 font-normal text-slate-500 dark:text-slate-400">{state.engineKind === "trino" ? "Trino, distributed" : "DuckDB, physical"}</span>
          )}
        </h2>
        <button
          type="button"
          aria-label="Close the query plan"
          onClick={onClose}
          className={cx("rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:hover:bg-slate-800 dark:hover:text-slate-100", focusRing)}
        >
          <X aria-hidden className="size-4" />
        </button>
      </header>
      <div className="max-h-[60vh] overflow-auto p-3">
        {state.status === "loading" && (
          <p className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400" role="status">
            <LoaderCircle aria-hidden className="size-4 animate-spin" /> Asking the engine for the plan…
          </p>
        )}
        {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
        {state.status === "ready" && <PlanTree roots={state.plan} />}
      </div>
    </section>
  );
}

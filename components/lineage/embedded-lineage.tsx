"use client";
// The lineage view embedded in another page (a dataset's Lineage tab, a job page, a run page):
// the same explorer as /lineage, focused on that dataset or job, two steps each way, its state
// kept in the component (the host page owns its URL); "Open full view" carries the state over.
import { useId, useState } from "react";
import { LineageExplorer } from "./lineage-explorer";
import { initialViewState, type LineageViewState } from "./view-state";

export const EMBEDDED_DEPTH = 2;

/** A job's node id, as the lineage view names it (Marquez's `job:<namespace>:<name>`). */
export const jobFocus = (namespace: string, name: string) => `job:${namespace}:${name}`;

type Props = {
  focus: string;
  /** The section's accessible name (a dataset tab has its own heading). */
  label: string;
  /** On a job or run page: a card with this visible heading, like the page's other sections. */
  heading?: string;
};

export function EmbeddedLineage({ focus, label, heading }: Props) {
  const headingId = useId();
  // A new focus (the host page navigated) starts a fresh view.
  const view = <EmbeddedState key={focus} focus={focus} />;
  if (!heading) {
    return (
      <section aria-label={label} className="min-w-0">
        {view}
      </section>
    );
  }
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id={headingId} className="mb-3 text-sm font-semibold text-slate-900 dark:text-slate-100">
        {heading}
      </h2>
      {view}
    </section>
  );
}

function EmbeddedState({ focus }: { focus: string }) {
  const [state, setState] = useState<LineageViewState>(() => initialViewState(focus, { up: EMBEDDED_DEPTH, down: EMBEDDED_DEPTH }));
  return <LineageExplorer state={state} onChange={setState} embedded />;
}

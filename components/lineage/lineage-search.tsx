"use client";
// Where the lineage view starts: find a dataset or job by any part of its name.
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Database, Search, Workflow } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { useTRPC } from "@/components/trpc/react";

export function LineageSearch({ onPick, autoFocus = false, compact = false }: { onPick(id: string): void; autoFocus?: boolean; compact?: boolean }) {
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q.trim()), 200);
    return () => clearTimeout(t);
  }, [q]);
  const found = useQuery({ ...useTRPC().lineage.search.queryOptions({ q: debounced }), placeholderData: keepPreviousData });
  const [open, setOpen] = useState(!compact);
  return (
    <div className="relative w-full">
      <label className="relative block">
        <span className="sr-only">Find a dataset or job</span>
        <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" />
        <input
          id="lineage-search"
          type="search"
          value={q}
          autoFocus={autoFocus}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
          placeholder="Find a dataset or job (press /)"
          className="w-full rounded-md border border-slate-300 bg-white py-2 pr-3 pl-8 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      {open && (
        <div className={cx(compact && "absolute z-20 mt-1 w-full rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900")}>
          {found.isError ? (
            <QueryError error={found.error} onRetry={() => void found.refetch()} compact />
          ) : !found.data ? (
            <p className="p-3 text-sm text-slate-500 dark:text-slate-400">Searching…</p>
          ) : found.data.hits.length === 0 ? (
            <p className="p-3 text-sm text-slate-500 dark:text-slate-400">
              {debounced
                ? `Nothing named like “${debounced}”.`
                : "No lineage recorded yet: run a pipeline that sends OpenLineage events, or a CREATE TABLE … AS in the SQL workbench."}
            </p>
          ) : (
            <ul aria-label="Datasets and jobs" className={cx("max-h-96 overflow-auto py-1", !compact && "mt-2 rounded-md border border-slate-200 dark:border-slate-800")}>
              {found.data.hits.map((h) => {
                const Icon = h.kind === "job" ? Workflow : Database;
                return (
                  <li key={h.id}>
                    <button
                      type="button"
                      onClick={() => {
                        setOpen(!compact);
                        onPick(h.id);
                      }}
                      className={cx("flex w-full min-w-0 items-start gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800", focusRing)}
                    >
                      <Icon aria-hidden className={cx("mt-0.5 size-4 shrink-0", h.kind === "job" ? "text-violet-600 dark:text-violet-400" : "text-sky-600 dark:text-sky-400")} />
                      <span className="min-w-0">
                        <span className="block break-all text-slate-900 dark:text-slate-100">{h.name}</span>
                        <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                          {h.kind} · {h.namespace}
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
              {found.data.more && <li className="px-3 py-1.5 text-xs text-slate-500 dark:text-slate-400">More match: type more of the name.</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

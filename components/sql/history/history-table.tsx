"use client";
// SQL › History: every statement run in the workbench, newest first. Search is a substring of
// the SQL (served by a trigram index), debounced; filters by status and engine; admins may look
// at everybody's runs. "Open in editor" puts the statement into a new editor tab.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History, Search, SquarePen, TableProperties } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { ListPanel } from "@/components/ui/list-panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOpenInEditor } from "../tabs/open-in-editor";
import { formatCount, formatDuration } from "../format";
import { RunStatusBadge } from "./run-status-badge";
import { HISTORY_PAGE_SIZE, historyInput, STATUSES, type Status } from "./history-input";

export function HistoryTable({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const openInEditor = useOpenInEditor();
  const [searchText, setSearchText] = useState("");
  const [status, setStatus] = useState<Status | "">("");
  const [engineId, setEngineId] = useState("");
  const [everyone, setEveryone] = useState(false);
  const search = useDebouncedValue(searchText.trim(), 300);
  // A page belongs to one set of filters: changing a filter starts again at page 1.
  const filterKey = [search, status, engineId, everyone].join("\u0000");
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;

  const engines = useQuery(trpc.sql.engines.queryOptions());
  const list = useQuery(trpc.sql.history.queryOptions(historyInput({ search, status, engineId, everyone, page }), { placeholderData: keepPreviousData }));
  const engineLabel = (id: string) => engines.data?.find((e) => e.id === id)?.label ?? id;

  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <h2 id="history-heading" className="sr-only">
        Query history
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <div className="relative min-w-[14rem] flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <Input
            type="search"
            aria-label="Search the SQL of past runs"
            placeholder="Search SQL…"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            className="pl-9"
          />
        </div>
        <Select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as Status | "")} className="w-full sm:w-40">
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </Select>
        <Select aria-label="Engine" value={engineId} onChange={(e) => setEngineId(e.target.value)} className="w-full sm:w-56">
          <option value="">All engines</option>
          {engines.data?.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </Select>
        {isAdmin && (
          <label className="flex h-10 items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} className="size-4 rounded border-slate-300 accent-sky-600" />
            Everyone’s runs
          </label>
        )}
      </div>

      <ListPanel
        query={list}
        pending={<SkeletonRows label="Loading the history" rows={6} height="h-10" />}
        isEmpty={(data) => data.runs.length === 0}
        empty={
          <EmptyState icon={History} title={search || status || engineId ? "No runs match" : "No queries run yet"}>
            {search || status || engineId ? "Try other words or filters." : "Statements you run in the editor are listed here."}
          </EmptyState>
        }
      >
        {(data) => (
          <div className="overflow-x-auto">
            {/* Fixed layout: the SQL column gets what the others leave, and truncates (the table scrolls sideways on phones). */}
            <table className="w-full min-w-[72rem] table-fixed text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
                <tr>
                  <th scope="col" className="w-32 px-4 py-2.5">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    SQL
                  </th>
                  <th scope="col" className="w-52 px-4 py-2.5">
                    Engine
                  </th>
                  <th scope="col" className="w-24 px-4 py-2.5 text-right">
                    Rows
                  </th>
                  <th scope="col" className="w-24 px-4 py-2.5 text-right">
                    Duration
                  </th>
                  <th scope="col" className="w-48 px-4 py-2.5">
                    Started
                  </th>
                  <th scope="col" className="w-40 px-4 py-2.5">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {data.runs.map((run) => (
                  <tr key={run.id} className="align-top hover:bg-slate-50/70 dark:hover:bg-slate-800/30">
                    <td className="px-4 py-2.5">
                      <RunStatusBadge status={run.status} />
                    </td>
                    <td className="px-4 py-2.5">
                      <code className="block truncate font-mono text-xs text-slate-800 dark:text-slate-200" title={run.sql.slice(0, 2_000)}>
                        {run.sql.replace(/\s+/g, " ").slice(0, 300)}
                      </code>
                      {run.errorMessage && run.status === "failed" && <p className="mt-0.5 truncate text-xs text-red-700 dark:text-red-400">{run.errorMessage}</p>}
                      {everyone && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{run.user.email}</p>}
                    </td>
                    <td className="truncate px-4 py-2.5 text-slate-600 dark:text-slate-400">{engineLabel(run.engineId)}</td>
                    <td className="px-4 py-2.5 text-right whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300">
                      {run.rowCount === null ? "—" : formatCount(run.rowCount)}
                      {run.truncated && (
                        <span className="ml-1 text-xs text-amber-700 dark:text-amber-400" title="Cut at the row limit">
                          +
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-2.5 text-right whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300">
                      {run.durationMs === null ? "—" : formatDuration(run.durationMs)}
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 dark:text-slate-400">
                      <LocalTime value={run.startedAt} />
                    </td>
                    <td className="px-4 py-2">
                      {/* Stacked: two actions side by side would not fit the column. */}
                      <div className="flex flex-col items-end gap-0.5 whitespace-nowrap">
                        {run.resultKept && (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() =>
                              openInEditor({ sql: run.sql, engineId: run.engineId, catalog: run.catalog, schema: run.schema, title: "Kept result", keptRunId: run.id })
                            }
                            aria-label={`Open the kept result of: ${run.sql.slice(0, 60)}`}
                            title="Show the result this run returned, kept by the server: the query does not run again"
                          >
                            <TableProperties aria-hidden className="size-4" />
                            Open result
                          </Button>
                        )}
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => openInEditor({ sql: run.sql, engineId: run.engineId, catalog: run.catalog, schema: run.schema, title: "From history" })}
                          aria-label={`Open in editor: ${run.sql.slice(0, 60)}`}
                        >
                          <SquarePen aria-hidden className="size-4" />
                          Open in editor
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListPanel>
      {list.data && list.data.total > 0 && (
        <Pagination page={page} pageSize={HISTORY_PAGE_SIZE} total={list.data.total} onPageChange={(p) => setPaging({ filterKey, page: p })} label="History pages" />
      )}
    </section>
  );
}

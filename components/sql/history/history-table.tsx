"use client";
// SQL › History: every statement run in the workbench, newest first. Search is a substring of
// the SQL (served by a trigram index), debounced; filters by status and engine; admins may look
// at everybody's runs. "Open in editor" puts the statement into a new editor tab. The runs
// themselves: history-runs.tsx (a table from md up, cards on phones).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/form";
import { Pagination } from "@/components/ui/pagination";
import { ListPanel } from "@/components/ui/list-panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { HistoryRuns } from "./history-runs";
import { HISTORY_PAGE_SIZE, historyInput, STATUSES, type Status } from "./history-input";

export function HistoryTable({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
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
        {(data) => <HistoryRuns runs={data.runs} engineLabel={engineLabel} showUser={everyone} />}
      </ListPanel>
      {list.data && list.data.total > 0 && (
        <Pagination page={page} pageSize={HISTORY_PAGE_SIZE} total={list.data.total} onPageChange={(p) => setPaging({ filterKey, page: p })} label="History pages" />
      )}
    </section>
  );
}

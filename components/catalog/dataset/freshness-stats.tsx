"use client";
// How fresh a dataset is (and how often it is expected to change), and the statistics the
// engine offers, read through the engine as the signed-in user.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { formatBytes, formatCount, formatInterval } from "../format";
import { useAfterEdit } from "./use-dataset-edit";
import { StaleBadge } from "./badges";
import { Section } from "./section";

type DatasetDetail = RouterOutputs["catalog"]["dataset"];

const INTERVALS = [1, 6, 12, 24, 24 * 7, 24 * 30];

export function FreshnessSection({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  const catalog = useTRPC().catalog;
  const afterEdit = useAfterEdit();
  const save = useMutation(catalog.edit.freshness.mutationOptions({ onSuccess: () => afterEdit() }));
  const f = dataset.freshness;
  return (
    <Section title="Freshness">
      <div className="space-y-1.5 text-sm">
        <p className="flex flex-wrap items-center gap-2 text-slate-800 dark:text-slate-200">
          Last change <LocalTime value={f.lastChangeAt} />
          {f.stale && <StaleBadge />}
        </p>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {f.source === "engine" ? "As the engine reports it." : "The last schema change the crawler saw; this engine does not report when the data changed."}
        </p>
        {f.expectedUpdateHours && (
          <p className="text-slate-700 dark:text-slate-300">
            Expected {formatInterval(f.expectedUpdateHours)}
            {f.dueAt && (
              <>
                ; {f.stale ? "overdue since" : "next by"} <LocalTime value={f.dueAt} />
              </>
            )}
          </p>
        )}
        {canEdit && (
          <label className="flex items-center gap-2 pt-1 text-slate-700 dark:text-slate-300">
            <span className="shrink-0">Expected update</span>
            <Select
              value={f.expectedUpdateHours ?? ""}
              onChange={(e) => save.mutate({ datasetId: dataset.id, hours: e.target.value ? Number(e.target.value) : null })}
              disabled={save.isPending}
              className="h-8 w-auto"
            >
              <option value="">Not set</option>
              {[...new Set([...INTERVALS, ...(f.expectedUpdateHours ? [f.expectedUpdateHours] : [])])]
                .sort((a, b) => a - b)
                .map((h) => (
                  <option key={h} value={h}>
                    {formatInterval(h)}
                  </option>
                ))}
            </Select>
          </label>
        )}
        {save.isError && <p className="text-xs text-red-700 dark:text-red-300">{errorMessage(save.error)}</p>}
      </div>
    </Section>
  );
}

export function StatsSection({ dataset }: { dataset: DatasetDetail }) {
  const catalog = useTRPC().catalog;
  const [refresh, setRefresh] = useState(false);
  const stats = useQuery({ ...catalog.stats.queryOptions({ datasetId: dataset.id, refresh }), enabled: dataset.engineConfigured && !dataset.removedAt, staleTime: 60_000 });
  return (
    <Section title="Statistics">
      {!dataset.engineConfigured || dataset.removedAt ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">Not available: the dataset is not in a configured engine.</p>
      ) : stats.isError ? (
        <p className="text-sm text-red-700 dark:text-red-300">{errorMessage(stats.error)}</p>
      ) : !stats.data ? (
        <Skeleton className="h-12 w-full" />
      ) : (
        <div className="space-y-1.5 text-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500 dark:text-slate-400">Rows</dt>
            <dd className="text-slate-800 tabular-nums dark:text-slate-200">{stats.data.rowCount === null ? "—" : `≈ ${formatCount(stats.data.rowCount)}`}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Size</dt>
            <dd className="text-slate-800 tabular-nums dark:text-slate-200">{formatBytes(stats.data.sizeBytes)}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Modified</dt>
            <dd className="text-slate-800 dark:text-slate-200">
              <LocalTime value={stats.data.lastModifiedAt} />
            </dd>
          </dl>
          {stats.data.notes.map((note) => (
            <p key={note} className="text-xs text-slate-500 dark:text-slate-400">
              {note}
            </p>
          ))}
          <Button size="sm" variant="ghost" onClick={() => (refresh ? void stats.refetch() : setRefresh(true))} pending={stats.isFetching} className="-ml-2">
            <RefreshCw aria-hidden className="size-3.5" />
            Ask the engine again
          </Button>
          {stats.data.statsAt && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Read <LocalTime value={stats.data.statsAt} />
            </p>
          )}
        </div>
      )}
    </Section>
  );
}

"use client";
// "What breaks if this breaks": every dataset downstream of the node, by step, with its owners,
// freshness and last writing run, and a CSV of the list to hand to the people who own them.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { saveBlob } from "@/components/lib/save-blob";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { RunBadge } from "./run-badge";
import { OwnerBadges, useOwnerTeams } from "@/components/admin/teams/owner-badges";

type Impact = RouterOutputs["lineage"]["impact"];

const cell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

/** The impact list as CSV (a leading quote keeps spreadsheet formulas from running). */
export function impactCsv(impact: Impact): string {
  const rows = [["step", "namespace", "dataset", "owners", "stale", "last_change", "last_run_state", "last_run_at"]];
  for (const s of impact.steps)
    for (const d of s.datasets)
      rows.push([
        String(s.step),
        d.namespace,
        d.name,
        d.owners.join("; "),
        d.freshness ? String(d.freshness.stale) : "",
        d.freshness?.lastChangeAt ?? "",
        d.lastRun?.state ?? "",
        d.lastRun?.at ?? "",
      ]);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function ImpactPanel({ nodeId, name }: { nodeId: string; name: string }) {
  const impact = useQuery(useTRPC().lineage.impact.queryOptions({ focus: nodeId }));
  // Teams among the owners, by name (one query for the whole list).
  const teams = useOwnerTeams(impact.data?.steps.flatMap((s) => s.datasets.flatMap((d) => d.owners)) ?? []);
  if (impact.isError) return <QueryError error={impact.error} onRetry={() => void impact.refetch()} compact />;
  if (!impact.data) return <SkeletonRows label="Loading what depends on it" rows={4} height="h-10" />;
  const i = impact.data;
  return (
    <section aria-label="Impact" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {i.total === 0 ? (
            <>Nothing downstream: no dataset is made from {name}.</>
          ) : (
            <>
              <strong>{i.total}</strong> {i.total === 1 ? "dataset depends" : "datasets depend"} on {name}.
            </>
          )}
        </p>
        {i.total > 0 && (
          <Button size="sm" onClick={() => saveBlob(new Blob([impactCsv(i)], { type: "text/csv;charset=utf-8" }), `impact-${name.replace(/[^\w.-]+/g, "_").slice(0, 80)}.csv`)}>
            <Download aria-hidden className="size-4" /> Download CSV
          </Button>
        )}
      </div>
      {i.truncated && <p className="text-xs text-amber-800 dark:text-amber-300">{i.truncated}</p>}
      <ol className="space-y-3">
        {i.steps.map((s) => (
          <li key={s.step}>
            <h4 className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">
              Step {s.step} ({s.datasets.length})
            </h4>
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {s.datasets.map((d) => (
                <li key={d.id} className="space-y-1 px-2.5 py-2 text-sm">
                  <div className="min-w-0 break-all">
                    {d.href ? (
                      <Link href={d.href} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                        {d.name}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-900 dark:text-slate-100">{d.name}</span>
                    )}
                  </div>
                  <div className="flex flex-wrap items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
                    {d.owners.length ? <OwnerBadges owners={d.owners} teams={teams} /> : <span>no owner</span>}
                    {d.freshness?.stale && <Badge tone="amber">stale</Badge>}
                    {d.freshness && (
                      <span>
                        changed <LocalTime value={d.freshness.lastChangeAt} />
                      </span>
                    )}
                    {d.lastRun && <RunBadge state={d.lastRun.state} />}
                  </div>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

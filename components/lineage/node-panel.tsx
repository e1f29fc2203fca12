"use client";
// The side panel's details of the selected node: what it is, its links (dataset page, job page,
// bucket object), schema fields, facets, last runs, a job's SQL (as the role allows), and what
// one can do from here: start the view here, expand or collapse a side, mark a path's ends.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Crosshair, ExternalLink, Route } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import type { LineageViewNode } from "@/lib/lineage/graph-view";
import type { RouterOutputs } from "@/server/api/root";
import { RunBadge } from "./run-badge";

const link = "inline-flex items-center gap-1 text-sm text-sky-700 hover:underline dark:text-sky-400";

export function NodePanel({
  node,
  isFocus,
  onFocus,
  onPathEnd,
  pathFrom,
}: {
  node: LineageViewNode;
  isFocus: boolean;
  onFocus(id: string): void;
  onPathEnd(end: "from" | "to", id: string): void;
  pathFrom: string | null;
}) {
  const details = useQuery(useTRPC().lineage.node.queryOptions({ id: node.id }));
  return (
    <section aria-label={`Details of ${node.name}`} className="space-y-3">
      <div>
        <p className="text-xs text-slate-500 dark:text-slate-400">{node.kind === "job" ? "Job" : "Dataset"}</p>
        <h3 className="font-semibold break-all text-slate-900 dark:text-white">{node.name}</h3>
        <p className="text-xs break-all text-slate-500 dark:text-slate-400">{node.namespace}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        {!isFocus && (
          <Button size="sm" onClick={() => onFocus(node.id)}>
            <Crosshair aria-hidden className="size-4" /> Start here
          </Button>
        )}
        <Button size="sm" onClick={() => onPathEnd(pathFrom && pathFrom !== node.id ? "to" : "from", node.id)}>
          <Route aria-hidden className="size-4" /> {pathFrom && pathFrom !== node.id ? "Path to here" : "Path from here"}
        </Button>
      </div>
      {details.isError ? (
        <QueryError error={details.error} onRetry={() => void details.refetch()} compact />
      ) : !details.data ? (
        <SkeletonRows label="Loading details" rows={3} height="h-6" />
      ) : (
        <Details d={details.data} />
      )}
    </section>
  );
}

type DetailsData = RouterOutputs["lineage"]["node"];

function Details({ d }: { d: DetailsData }) {
  return (
    <div className="space-y-3 text-sm">
      <ul className="space-y-1">
        {d.href && (
          <li>
            <Link href={d.href} className={link}>
              <ExternalLink aria-hidden className="size-3.5" /> {d.kind === "job" ? "Job page (runs, durations)" : "Dataset page in the catalog"}
            </Link>
          </li>
        )}
        {d.object && (
          <li>
            <Link href={d.object.href} className={link}>
              <ExternalLink aria-hidden className="size-3.5" /> File in bucket {d.object.bucket}
            </Link>
          </li>
        )}
        {d.job?.sourceUrl && <li className="break-all text-slate-600 dark:text-slate-300">Source: {d.job.sourceUrl}</li>}
      </ul>
      {d.description && <p className="text-slate-700 dark:text-slate-300">{d.description}</p>}
      <p className="text-slate-600 dark:text-slate-400">
        {d.kind === "job" ? `Reads ${d.counts.inputs}, writes ${d.counts.outputs} datasets.` : `Written by ${d.counts.inputs} and read by ${d.counts.outputs} jobs.`}
      </p>
      {(d.owners.length > 0 || d.freshness) && (
        <div className="flex flex-wrap items-center gap-1">
          {d.owners.map((o) => (
            <Badge key={o}>{o}</Badge>
          ))}
          {d.freshness?.stale && <Badge tone="amber">stale</Badge>}
          {d.freshness && (
            <span className="text-xs text-slate-500 dark:text-slate-400">
              last change <LocalTime value={d.freshness.lastChangeAt} />
            </span>
          )}
        </div>
      )}
      {d.fields.length > 0 && (
        <details open={d.fields.length <= 12}>
          <summary className="cursor-pointer font-medium text-slate-900 dark:text-slate-100">Fields ({d.fields.length})</summary>
          <ul className="mt-1 space-y-0.5">
            {d.fields.map((f) => (
              <li key={f.name} className="flex min-w-0 justify-between gap-2 font-mono text-xs">
                <span className="break-all">{f.name}</span>
                <span className="shrink-0 text-slate-500 dark:text-slate-400">{f.type ?? ""}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {d.job?.sql && (
        <details>
          <summary className="cursor-pointer font-medium text-slate-900 dark:text-slate-100">SQL</summary>
          <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:bg-slate-800/60">{d.job.sql}</pre>
        </details>
      )}
      {d.job?.sqlHidden && <p className="text-xs text-slate-500 dark:text-slate-400">The SQL of someone&apos;s own workbench statements is shown to them and to admins only.</p>}
      {d.facets.length > 0 && <p className="text-xs break-all text-slate-500 dark:text-slate-400">Facets: {d.facets.join(", ")}</p>}
      <div>
        <p className="font-medium text-slate-900 dark:text-slate-100">{d.kind === "job" ? "Last runs" : "Last runs that wrote it"}</p>
        {d.runs.length === 0 ? (
          <p className="text-slate-500 dark:text-slate-400">No runs recorded.</p>
        ) : (
          <ul className="mt-1 space-y-1">
            {d.runs.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2">
                <RunBadge state={r.state} />
                <Link href={r.href} className={link}>
                  <LocalTime value={r.at} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

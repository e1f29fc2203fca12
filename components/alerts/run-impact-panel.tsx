"use client";
// On a failed run's page, or under a "job did not finish" alert: the downstream datasets it
// leaves stale, with their owners, and "Notify owners" for editors, which sends one message
// through the alert channels.
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BellRing } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Section } from "@/components/pipelines/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { SkeletonRows } from "@/components/ui/skeleton";

/** A failed run, or a late job's alert (which has no failed run). */
export type ImpactTarget = { runId: string } | { incidentId: string };

export function RunImpactPanel({ target, canNotify }: { target: ImpactTarget; canNotify: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.alerts.runImpact.queryOptions(target));
  const notify = useMutation(trpc.alerts.notifyOwners.mutationOptions());
  const data = query.data;
  return (
    <Section
      title="Impact: stale downstream data and its owners"
      id={"runId" in target ? "run-impact" : `impact-${target.incidentId}`}
      actions={
        canNotify &&
        data &&
        data.datasets.length > 0 && (
          <Button size="sm" variant="primary" onClick={() => notify.mutate(target)} pending={notify.isPending} disabled={data.channels === 0}>
            <BellRing aria-hidden className="size-4" /> Notify owners
          </Button>
        )
      }
    >
      {query.isError && !data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} compact />
      ) : !data ? (
        <SkeletonRows label="Loading the impact" rows={3} height="h-8" />
      ) : data.datasets.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing downstream reads what this job writes.</p>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {data.datasets.length} dataset{data.datasets.length === 1 ? "" : "s"} downstream; owners:{" "}
            <span className="font-medium">{data.owners.join(", ") || "none recorded in the catalog"}</span>
          </p>
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" aria-label="Downstream datasets">
            {data.datasets.map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-x-3 gap-y-0.5 py-2">
                <span className="min-w-0 break-all">
                  <span className="mr-2 text-xs text-slate-500 dark:text-slate-400">step {d.step}</span>
                  {d.href ? (
                    <Link className="font-medium text-sky-700 hover:underline dark:text-sky-300" href={d.href}>
                      {d.name}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-900 dark:text-slate-100">{d.name}</span>
                  )}
                </span>
                <span className="text-slate-600 dark:text-slate-400">{d.owners.join(", ") || "no owner"}</span>
              </li>
            ))}
          </ul>
          {data.truncated && <p className="text-xs text-slate-500 dark:text-slate-400">{data.truncated}</p>}
          {canNotify && data.channels === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">Add an alert channel under Pipelines › Alerts to notify owners.</p>}
          {notify.isSuccess && (
            <Alert tone="success">
              Sent to {notify.data.channels} channel{notify.data.channels === 1 ? "" : "s"} for {notify.data.owners.length} owner{notify.data.owners.length === 1 ? "" : "s"}.
            </Alert>
          )}
          {notify.isError && <Alert tone="error">{errorMessage(notify.error)}</Alert>}
        </div>
      )}
    </Section>
  );
}

"use client";
// Stewards' edits of this dataset, from the audit log.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { QueryError } from "@/components/ui/query-error";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { formatInterval } from "../format";

type Details = { before?: unknown; after?: unknown; column?: string; definitionsChanged?: string[] };

const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(", ") : "none");

function describe(action: string, details: Details): string {
  switch (action) {
    case "catalog.description_changed":
      return details.after ? "edited the description" : "removed the description";
    case "catalog.column_description_changed":
      return `described column ${details.column}`;
    case "catalog.owners_changed":
      return `set the owners to ${list(details.after)} (were ${list(details.before)})`;
    case "catalog.tags_changed":
      return `set the tags to ${list(details.after)} (were ${list(details.before)})`;
    case "catalog.glossary_terms_changed":
      return `set the glossary terms to ${list(details.after)}${details.definitionsChanged?.length ? `, defining ${details.definitionsChanged.join(", ")}` : ""}`;
    case "catalog.freshness_changed":
      return typeof details.after === "number" ? `expects an update ${formatInterval(details.after)}` : "removed the expected update interval";
    default:
      return action;
  }
}

export function ActivityTab({ datasetId }: { datasetId: string }) {
  const catalog = useTRPC().catalog;
  const [page, setPage] = useState(1);
  const activity = useQuery(catalog.activity.queryOptions({ datasetId, page }, { placeholderData: keepPreviousData }));
  if (activity.isError) return <QueryError error={activity.error} onRetry={() => void activity.refetch()} compact />;
  if (!activity.data) return <Skeleton className="h-32 w-full" />;
  if (activity.data.total === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No edits yet.</p>;
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {activity.data.events.map((event) => {
          const details = (event.details ?? {}) as Details;
          return (
            <li key={event.id} className="py-2.5 text-sm">
              <p className="text-slate-800 dark:text-slate-200">
                <span className="font-medium">{event.actorEmail ?? "Someone"}</span> {describe(event.action, details)}
              </p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                <LocalTime value={event.at} />
              </p>
              {event.action.endsWith("description_changed") && typeof details.after === "string" && details.after && (
                <p className="mt-1 line-clamp-2 border-l-2 border-slate-200 pl-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">{details.after}</p>
              )}
            </li>
          );
        })}
      </ul>
      {activity.data.total > activity.data.pageSize && (
        <Pagination page={page} pageSize={activity.data.pageSize} total={activity.data.total} onPageChange={setPage} label="Activity pages" />
      )}
    </div>
  );
}

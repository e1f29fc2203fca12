"use client";
// /buckets: the buckets the user may read, with object counts and sizes loaded per bucket
// (each is a few list calls, so they arrive after the page and never hold it up).
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Database, FolderOpen, Lock, Upload } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { Badge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "@/components/ui/query-error";
import { useTRPC } from "@/components/trpc/react";
import { formatBytes, formatCount } from "./format";
import { bucketHref } from "./paths";

export function BucketList() {
  const api = useTRPC().buckets;
  const list = useQuery(api.list.queryOptions());

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Buckets</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Browse, preview, upload and download files{list.data ? <> in {list.data.store}</> : null}.</p>
      </div>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <li key={i} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
              <Skeleton className="h-5 w-24" />
              <Skeleton className="mt-3 h-4 w-40" />
            </li>
          ))}
        </ul>
      ) : list.data.buckets.length === 0 ? (
        <div className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <EmptyState icon={Database} title="No buckets to show">
            Either the object store has no buckets yet, or none is open to your role. An administrator can change that.
          </EmptyState>
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {list.data.buckets.map((bucket) => (
            <li key={bucket.name}>
              <Link
                href={bucketHref(bucket.name)}
                className={cx(
                  "group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-sky-300 hover:bg-sky-50/40 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-700 dark:hover:bg-slate-800/60",
                  focusRing,
                )}
              >
                <span className="flex items-center gap-2.5">
                  <FolderOpen aria-hidden className="size-5 text-sky-600 dark:text-sky-400" />
                  <span className="font-semibold text-slate-900 group-hover:text-sky-800 dark:text-white dark:group-hover:text-sky-300">{bucket.name}</span>
                  <span className="ml-auto">
                    {bucket.canWrite ? (
                      <Badge tone="emerald">
                        <Upload aria-hidden className="size-3" />
                        Read & write
                      </Badge>
                    ) : (
                      <Badge>
                        <Lock aria-hidden className="size-3" />
                        Read only
                      </Badge>
                    )}
                  </span>
                </span>
                <BucketSummary bucket={bucket.name} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BucketSummary({ bucket }: { bucket: string }) {
  const api = useTRPC().buckets;
  const summary = useQuery(api.summary.queryOptions({ bucket }, { staleTime: 60_000 }));
  if (summary.isError) return <span className="mt-3 text-sm text-slate-500 dark:text-slate-400">Size unknown</span>;
  if (!summary.data) return <Skeleton className="mt-3 h-4 w-36" />;
  const { objects, bytes, complete } = summary.data;
  return (
    <span className="mt-3 text-sm text-slate-600 tabular-nums dark:text-slate-400">
      {objects === 0
        ? "Empty"
        : complete
          ? `${formatCount(objects, "object")} · ${formatBytes(bytes)}`
          : `${objects.toLocaleString("en-US")}+ objects · over ${formatBytes(bytes)}`}
    </span>
  );
}

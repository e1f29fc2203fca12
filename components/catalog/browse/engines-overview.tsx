"use client";
// Every engine the catalog knows: how much it holds, and its crawl.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Database, Server } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { QueryError } from "@/components/ui/query-error";
import { Badge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { enginePath } from "../paths";
import { plural } from "../format";
import { CrawlPanel } from "../crawl/crawl-panel";

export function EnginesOverview({ canCrawl }: { canCrawl: boolean }) {
  const catalog = useTRPC().catalog;
  const engines = useQuery(catalog.engines.queryOptions());
  return (
    <section aria-labelledby="engines-heading">
      <h2 id="engines-heading" className="text-base font-semibold text-slate-900 dark:text-white">
        Browse by engine
      </h2>
      {engines.isError ? (
        <QueryError error={engines.error} onRetry={() => void engines.refetch()} compact />
      ) : !engines.data ? (
        <Skeleton className="mt-3 h-24 w-full" />
      ) : (
        <ul className="mt-3 grid gap-3 md:grid-cols-2">
          {engines.data.map((engine) => (
            <li key={engine.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <div className="flex items-start gap-3">
                <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-violet-50 text-violet-700 dark:bg-violet-400/10 dark:text-violet-300">
                  {engine.kind === "trino" ? <Server aria-hidden className="size-5" /> : <Database aria-hidden className="size-5" />}
                </span>
                <div className="min-w-0 flex-1">
                  <Link href={enginePath(engine.id)} className={cx("rounded font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
                    {engine.label}
                  </Link>
                  {!engine.configured && (
                    <Badge tone="amber" className="ml-2">
                      Not configured any more
                    </Badge>
                  )}
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {plural(engine.datasets, "dataset")} in {plural(engine.catalogs, "catalog")}
                  </p>
                  {engine.configured && (
                    <div className="mt-2">
                      <CrawlPanel engineId={engine.id} canCrawl={canCrawl} compact />
                    </div>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

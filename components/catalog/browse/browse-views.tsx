"use client";
// Browsing: an engine's catalogs, a catalog's schemas, a schema's datasets.
import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FolderTree, Layers, Table2 } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { QueryError } from "@/components/ui/query-error";
import { focusRing } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { catalogPath, datasetPath, schemaPath } from "../paths";
import { plural } from "../format";
import { Breadcrumbs } from "./breadcrumbs";
import { CrawlPanel } from "../crawl/crawl-panel";
import { KindBadge, RemovedBadge } from "../dataset/badges";
import { plainText } from "@/lib/catalog/plain-text";

const linkClass = cx("rounded font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing);
const listClass = "divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900";

function Title({ children, sub }: { children: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900 dark:text-white">{children}</h1>
      {sub && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{sub}</p>}
    </div>
  );
}

function Loading() {
  return (
    <div className="space-y-2" aria-busy="true">
      <Skeleton className="h-12 w-full" />
      <Skeleton className="h-12 w-full" />
    </div>
  );
}

export function EngineView({ engineId, canCrawl }: { engineId: string; canCrawl: boolean }) {
  const catalog = useTRPC().catalog;
  const engines = useQuery(catalog.engines.queryOptions());
  const catalogs = useQuery(catalog.catalogs.queryOptions({ engineId }));
  const engine = engines.data?.find((e) => e.id === engineId);
  return (
    <div className="space-y-6">
      <Breadcrumbs engineId={engineId} />
      <Title sub={engine ? `${plural(engine.datasets, "dataset")} in ${plural(engine.catalogs, "catalog")}` : undefined}>{engine?.label ?? engineId}</Title>
      {engine?.configured !== false && (
        <section aria-label="Crawl" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <CrawlPanel engineId={engineId} canCrawl={canCrawl} />
        </section>
      )}
      {catalogs.isError ? (
        <QueryError error={catalogs.error} onRetry={() => void catalogs.refetch()} />
      ) : !catalogs.data ? (
        <Loading />
      ) : catalogs.data.length === 0 ? (
        <EmptyState icon={FolderTree} title="Nothing crawled yet">
          {canCrawl ? "Crawl the engine to bring its catalogs, schemas and tables into the catalog." : "An editor can crawl the engine; it is also crawled on a schedule."}
        </EmptyState>
      ) : (
        <ul className={listClass}>
          {catalogs.data.map((c) => (
            <li key={c.catalog} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link href={catalogPath(engineId, c.catalog)} className={linkClass}>
                {c.catalog}
              </Link>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {plural(c.schemas, "schema")} · {plural(c.datasets, "dataset")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CatalogView({ engineId, catalogName }: { engineId: string; catalogName: string }) {
  const catalog = useTRPC().catalog;
  const schemas = useQuery(catalog.schemas.queryOptions({ engineId, catalog: catalogName }));
  return (
    <div className="space-y-6">
      <Breadcrumbs engineId={engineId} catalog={catalogName} />
      <Title>{catalogName}</Title>
      {schemas.isError ? (
        <QueryError error={schemas.error} onRetry={() => void schemas.refetch()} />
      ) : !schemas.data ? (
        <Loading />
      ) : schemas.data.length === 0 ? (
        <EmptyState icon={Layers} title="No schemas">
          This catalog holds no datasets (or was not crawled yet).
        </EmptyState>
      ) : (
        <ul className={listClass}>
          {schemas.data.map((s) => (
            <li key={s.schema} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link href={schemaPath(engineId, catalogName, s.schema)} className={linkClass}>
                {s.schema}
              </Link>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {plural(s.datasets - s.views, "table")} · {plural(s.views, "view")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SchemaView({ engineId, catalogName, schema }: { engineId: string; catalogName: string; schema: string }) {
  const catalog = useTRPC().catalog;
  const [page, setPage] = useState(1);
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const datasets = useQuery(catalog.datasets.queryOptions({ engineId, catalog: catalogName, schema, page, includeRemoved }, { placeholderData: keepPreviousData }));
  return (
    <div className="space-y-6">
      <Breadcrumbs engineId={engineId} catalog={catalogName} schema={schema} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Title>{schema}</Title>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input
            type="checkbox"
            checked={includeRemoved}
            onChange={(e) => {
              setIncludeRemoved(e.target.checked);
              setPage(1);
            }}
            className="size-4 rounded border-slate-300 accent-sky-600 dark:border-slate-600"
          />
          Show removed datasets
        </label>
      </div>
      {datasets.isError ? (
        <QueryError error={datasets.error} onRetry={() => void datasets.refetch()} />
      ) : !datasets.data ? (
        <Loading />
      ) : datasets.data.total === 0 ? (
        <EmptyState icon={Table2} title="No datasets">
          This schema holds no tables or views.
        </EmptyState>
      ) : (
        <>
          <ul className={listClass}>
            {datasets.data.datasets.map((d) => (
              <li key={d.id} className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={datasetPath({ engineId, catalog: catalogName, schema, name: d.name })} className={cx(linkClass, "break-all")}>
                    {d.name}
                  </Link>
                  <KindBadge kind={d.kind} />
                  {d.removedAt && <RemovedBadge />}
                  <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">{plural(d.columnCount, "column")}</span>
                </div>
                {(d.description || d.engineComment) && (
                  <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{plainText(d.description || d.engineComment || "")}</p>
                )}
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={datasets.data.pageSize} total={datasets.data.total} onPageChange={setPage} label="Dataset pages" />
        </>
      )}
    </div>
  );
}

"use client";
// A dataset's page: what it is (description, columns), who looks after it (owners, tags,
// glossary), how fresh and how used it is, its schema history, and what stewards changed.
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Check, Copy, SquareTerminal } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { QueryError } from "@/components/ui/query-error";
import { Alert } from "@/components/ui/alert";
import { buttonClasses, focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/components/trpc/react";
import { workbenchPath, type DatasetAddress } from "../paths";
import { Breadcrumbs } from "../browse/breadcrumbs";
import { KindBadge, RemovedBadge, StaleBadge, TagBadge } from "./badges";
import { DescriptionCard } from "./description-card";
import { ColumnsTable } from "./columns-table";
import { AboutPanel } from "./about-panel";
import { SampleTab } from "./sample-tab";
import { HistoryTab } from "./history-tab";
import { UsageTab } from "./usage-tab";
import { ActivityTab } from "./activity-tab";
import { DatasetLineage } from "@/components/lineage/dataset-lineage";

const TABS = [
  { id: "sample", label: "Sample rows" },
  { id: "history", label: "Schema history" },
  { id: "lineage", label: "Lineage" },
  { id: "usage", label: "Usage" },
  { id: "activity", label: "Activity" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export function DatasetView({ address, canEdit }: { address: DatasetAddress; canEdit: boolean }) {
  const catalog = useTRPC().catalog;
  const dataset = useQuery(catalog.dataset.queryOptions(address));
  const [tab, setTab] = useState<TabId>("sample");

  if (dataset.isError) {
    return (
      <div className="space-y-6">
        <Breadcrumbs engineId={address.engineId} catalog={address.catalog} schema={address.schema} current={address.name} />
        <QueryError error={dataset.error} onRetry={() => void dataset.refetch()} />
      </div>
    );
  }
  if (!dataset.data) {
    return (
      <div className="space-y-4" aria-busy="true">
        <Skeleton className="h-5 w-64" />
        <Skeleton className="h-9 w-80" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  const d = dataset.data;
  const classifications = d.tagDetails.filter((t) => t.kind === "classification");

  return (
    <div className="space-y-6">
      <Breadcrumbs engineId={d.engineId} catalog={d.catalog} schema={d.schema} current={d.name} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900 dark:text-white">{d.name}</h1>
            <KindBadge kind={d.kind} />
            {d.freshness.stale && <StaleBadge />}
            {d.removedAt && <RemovedBadge />}
            {classifications.map((t) => (
              <TagBadge key={t.name} name={t.name} classification title={t.description} />
            ))}
          </div>
          <QualifiedName value={`${d.catalog}.${d.schema}.${d.name}`} engine={d.engineLabel} />
        </div>
        <Link href={workbenchPath(d.workbenchSql)} className={buttonClasses({ variant: "primary" })}>
          <SquareTerminal aria-hidden className="size-4" />
          Open in SQL workbench
        </Link>
      </header>

      {d.removedAt && (
        <Alert tone="info" title="This dataset is gone from the engine">
          The last crawl no longer found it. Its description, history and usage stay here; it comes back to life if it reappears.
        </Alert>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <DescriptionCard dataset={d} canEdit={canEdit} />
          <ColumnsTable dataset={d} canEdit={canEdit} />
          <section className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <div role="tablist" aria-label="Dataset details" className="flex gap-1 overflow-x-auto border-b border-slate-200 px-2 pt-2 dark:border-slate-800">
              {TABS.map((t) => (
                <button
                  key={t.id}
                  id={`tab-${t.id}`}
                  type="button"
                  role="tab"
                  aria-selected={tab === t.id}
                  aria-controls={`panel-${t.id}`}
                  tabIndex={tab === t.id ? 0 : -1}
                  onClick={() => setTab(t.id)}
                  onKeyDown={(e) => {
                    const i = TABS.findIndex((x) => x.id === tab);
                    const next = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] : null;
                    if (next) {
                      setTab(next.id);
                      document.getElementById(`tab-${next.id}`)?.focus();
                    }
                  }}
                  className={cx(
                    "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                    focusRing,
                    tab === t.id
                      ? "border-sky-600 text-sky-700 dark:border-sky-400 dark:text-sky-300"
                      : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
                  )}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="p-4 sm:p-5">
              {tab === "sample" &&
                (d.engineConfigured && !d.removedAt ? (
                  <SampleTab datasetId={d.id} />
                ) : (
                  <p className="text-sm text-slate-500 dark:text-slate-400">Sample rows are read through the engine, which no longer has this dataset.</p>
                ))}
              {tab === "history" && <HistoryTab datasetId={d.id} />}
              {tab === "lineage" && <DatasetLineage datasetId={d.id} />}
              {tab === "usage" && <UsageTab datasetId={d.id} />}
              {tab === "activity" && <ActivityTab datasetId={d.id} />}
            </div>
          </section>
        </div>
        <div className="min-w-0">
          <AboutPanel dataset={d} canEdit={canEdit} />
        </div>
      </div>
    </div>
  );
}

/** The name to use in SQL, with a copy button. */
function QualifiedName({ value, engine }: { value: string; engine: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <p className="flex flex-wrap items-center gap-x-2 text-sm text-slate-600 dark:text-slate-400">
      <code className="font-mono text-[13px] break-all text-slate-800 dark:text-slate-200">{value}</code>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(
            () => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1_500);
            },
            () => {},
          )
        }
        aria-label={copied ? "Copied" : "Copy the qualified name"}
        className={cx("rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:hover:bg-slate-800 dark:hover:text-slate-200", focusRing)}
      >
        {copied ? <Check aria-hidden className="size-3.5 text-emerald-600" /> : <Copy aria-hidden className="size-3.5" />}
      </button>
      <span>in {engine}</span>
    </p>
  );
}

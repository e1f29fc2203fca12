"use client";
// The side panel of a dataset: owners, tags (classifications stand out), glossary terms,
// freshness and the statistics the engine offers, and where the dataset lives.
import { LocalTime } from "@/components/ui/local-time";
import type { RouterOutputs } from "@/server/api/root";
import { Card } from "./card";
import { Section } from "./section";
import { Owners, Tags, Terms } from "./label-sections";
import { FreshnessSection, StatsSection } from "./freshness-stats";

type DatasetDetail = RouterOutputs["catalog"]["dataset"];

export function AboutPanel({ dataset, canEdit }: { dataset: DatasetDetail; canEdit: boolean }) {
  return (
    <Card title="About">
      <Owners dataset={dataset} canEdit={canEdit} />
      <Tags dataset={dataset} canEdit={canEdit} />
      <Terms dataset={dataset} canEdit={canEdit} />
      <FreshnessSection dataset={dataset} canEdit={canEdit} />
      <StatsSection dataset={dataset} />
      <Section title="Location">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500 dark:text-slate-400">Engine</dt>
          <dd className="min-w-0 break-words text-slate-800 dark:text-slate-200">{dataset.engineLabel}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Name</dt>
          <dd className="min-w-0 font-mono text-xs break-all text-slate-800 dark:text-slate-200">
            {dataset.catalog}.{dataset.schema}.{dataset.name}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">First seen</dt>
          <dd className="text-slate-800 dark:text-slate-200">
            <LocalTime value={dataset.firstSeenAt} />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Last crawled</dt>
          <dd className="text-slate-800 dark:text-slate-200">
            <LocalTime value={dataset.lastSeenAt} />
          </dd>
        </dl>
      </Section>
    </Card>
  );
}

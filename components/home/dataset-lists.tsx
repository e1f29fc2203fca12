// The home page's two dataset lists: what the signed-in user opened lately, and what most people
// used in the last 30 days. Server-rendered: no JavaScript of their own reaches the browser.
import Link from "next/link";
import type { ReactNode } from "react";
import { Database, Eye, Flame, History, Table2, Users } from "lucide-react";
import { datasetPath } from "@/components/catalog/paths";
import { plural } from "@/components/catalog/format";
import type { HomeDataset, HomeFeed } from "@/server/catalog/home";
import { POPULAR_WINDOW_DAYS, popularMeaning } from "@/lib/catalog/home";
import { HomePanel, PanelEmpty, PanelSkeleton, rowLink } from "./home-panel";
import { timeAgo } from "./time-ago";

function DatasetRow({ dataset, aside, title }: { dataset: HomeDataset; aside: ReactNode; title?: string }) {
  const Icon = dataset.kind === "VIEW" ? Eye : Table2;
  return (
    <li>
      <Link href={datasetPath(dataset)} className={rowLink} title={title}>
        <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-sky-50 text-sky-700 dark:bg-sky-400/10 dark:text-sky-300">
          <Icon aria-hidden className="size-4" />
          <span className="sr-only">{dataset.kind === "VIEW" ? "View" : "Table"}</span>
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium text-sky-700 group-hover:underline dark:text-sky-400">{dataset.name}</span>
          <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">
            {dataset.catalog}.{dataset.schema} · {dataset.engineId}
          </span>
          {dataset.summary && <span className="mt-0.5 line-clamp-1 text-sm text-slate-600 dark:text-slate-400">{dataset.summary}</span>}
        </span>
        <span className="mt-0.5 shrink-0 text-right text-xs text-slate-500 dark:text-slate-400">{aside}</span>
      </Link>
    </li>
  );
}

/** The panels' headings, the same while loading. */
const RECENT_PANEL = { id: "recent-datasets-heading", title: "Recently viewed", icon: History, description: "Datasets you opened, the latest first." } as const;
const popularPanel = (windowDays: number) => ({ id: "popular-datasets-heading", title: "Popular", icon: Flame, description: popularMeaning(windowDays) });

export function RecentlyViewed({ recent, now, className }: { recent: HomeFeed["recent"]; now: Date; className?: string }) {
  return (
    <HomePanel {...RECENT_PANEL} more={recent.length > 0 ? { href: "/catalog", label: "All datasets" } : undefined} className={className}>
      {recent.length === 0 ? (
        <PanelEmpty icon={Database} action={{ href: "/catalog", label: "Browse the catalog" }}>
          Open a dataset and it shows here, so you can get back to it in one click.
        </PanelEmpty>
      ) : (
        <ul className="p-1.5" aria-labelledby={RECENT_PANEL.id}>
          {recent.map((d) => (
            <DatasetRow
              key={d.id}
              dataset={d}
              title={`Opened ${plural(d.visits, "time")}`}
              aside={
                <time dateTime={d.lastViewedAt.toISOString()} title={d.lastViewedAt.toISOString()}>
                  {timeAgo(d.lastViewedAt, now)}
                </time>
              }
            />
          ))}
        </ul>
      )}
    </HomePanel>
  );
}

export function PopularDatasets({ popular, windowDays, className }: { popular: HomeFeed["popular"]; windowDays: number; className?: string }) {
  return (
    <HomePanel {...popularPanel(windowDays)} className={className}>
      {popular.length === 0 ? (
        <PanelEmpty icon={Users} action={{ href: "/catalog", label: "Browse the catalog" }}>
          Nobody has opened or queried a dataset in the last {windowDays} days yet. The datasets people use most will show here.
        </PanelEmpty>
      ) : (
        <ol className="p-1.5" aria-labelledby="popular-datasets-heading">
          {popular.map((d) => (
            <DatasetRow
              key={d.id}
              dataset={d}
              title={`${plural(d.viewers, "person", "people")} opened its page; ${plural(d.runs, "workbench run")} read it (last ${windowDays} days)`}
              aside={
                <>
                  <span className="block font-medium text-slate-700 dark:text-slate-300">{plural(d.people, "person", "people")}</span>
                  {d.runs > 0 && <span className="block">{plural(d.runs, "run")}</span>}
                </>
              }
            />
          ))}
        </ol>
      )}
    </HomePanel>
  );
}

export function RecentlyViewedSkeleton({ className }: { className?: string }) {
  return (
    <HomePanel {...RECENT_PANEL} className={className}>
      <PanelSkeleton label="Loading the datasets you viewed" rows={4} />
    </HomePanel>
  );
}

export function PopularSkeleton({ className }: { className?: string }) {
  return (
    <HomePanel {...popularPanel(POPULAR_WINDOW_DAYS)} className={className}>
      <PanelSkeleton label="Loading popular datasets" rows={4} />
    </HomePanel>
  );
}

// The signed-in user's latest workbench statements (their own only); a link opens one in a new
// workbench tab with its engine, catalog and schema. A statement too long for a link is opened
// from the history page instead.
import Link from "next/link";
import { SquareTerminal } from "lucide-react";
import { RunStatusBadge } from "@/components/sql/history/run-status-badge";
import type { HomeFeed } from "@/server/catalog/home";
import { HomePanel, PanelEmpty, PanelSkeleton, rowLink } from "./home-panel";
import { timeAgo } from "./time-ago";

type Query = HomeFeed["queries"][number];

/** /sql?query=… as the workbench reads it (components/sql/tabs/use-open-from-url.ts). */
export function workbenchLink(query: Query): string {
  if (query.truncated) return "/sql/history";
  const params = new URLSearchParams({ query: query.sql, engine: query.engineId, title: "From home" });
  if (query.catalog) params.set("catalog", query.catalog);
  if (query.schema) params.set("schema", query.schema);
  return `/sql?${params.toString()}`;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();
type RunStatus = Parameters<typeof RunStatusBadge>[0]["status"];
const STATUSES: ReadonlySet<string> = new Set<RunStatus>(["succeeded", "failed", "cancelled", "running"]);
const isRunStatus = (status: string): status is RunStatus => STATUSES.has(status);

/** The panel's heading, the same while loading. */
const PANEL = {
  id: "recent-queries-heading",
  title: "Your recent queries",
  icon: SquareTerminal,
  description: "Statements you ran in the SQL workbench; open one in a new workbench tab.",
} as const;

export function RecentQueries({ queries, now, className }: { queries: HomeFeed["queries"]; now: Date; className?: string }) {
  return (
    <HomePanel {...PANEL} more={queries.length > 0 ? { href: "/sql/history", label: "Full history" } : undefined} className={className}>
      {queries.length === 0 ? (
        <PanelEmpty icon={SquareTerminal} action={{ href: "/sql", label: "Open the SQL workbench" }}>
          Statements you run in the SQL workbench show here.
        </PanelEmpty>
      ) : (
        <ul className="p-1.5" aria-labelledby={PANEL.id}>
          {queries.map((q) => (
            <li key={q.id}>
              <Link
                href={workbenchLink(q)}
                className={rowLink}
                aria-label={`${q.truncated ? "Find in the history" : "Open in the workbench"}: ${oneLine(q.sql).slice(0, 80)}`}
                title={q.truncated ? "Too long for a link: find it in the history" : "Open in a new workbench tab"}
              >
                <span className="min-w-0 flex-1">
                  <code className="line-clamp-2 font-mono text-sm wrap-anywhere text-slate-800 group-hover:text-sky-700 dark:text-slate-200 dark:group-hover:text-sky-400">
                    {oneLine(q.sql).slice(0, 300)}
                  </code>
                  <span className="mt-0.5 block truncate text-xs text-slate-500 dark:text-slate-400">
                    {q.engineId}
                    {q.catalog ? ` · ${q.catalog}${q.schema ? `.${q.schema}` : ""}` : ""}
                  </span>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-1 text-xs text-slate-500 dark:text-slate-400">
                  {isRunStatus(q.status) && <RunStatusBadge status={q.status} />}
                  <time dateTime={q.startedAt.toISOString()} title={q.startedAt.toISOString()}>
                    {timeAgo(q.startedAt, now)}
                  </time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </HomePanel>
  );
}

export function RecentQueriesSkeleton({ className }: { className?: string }) {
  return (
    <HomePanel {...PANEL} className={className}>
      <PanelSkeleton label="Loading your recent queries" rows={3} />
    </HomePanel>
  );
}

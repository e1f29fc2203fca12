// The closed set of routes the portal serves (pages and route handlers under app/), as Next's
// file-system patterns. Metric labels come only from this list, so however many different URLs
// clients send, the number of series stays fixed. app-routes.test.ts fails when a page or route
// handler is added under app/ without its pattern here.
export const APP_ROUTES = [
  "/",
  "/signin",
  "/signin/lock-status",
  "/admin",
  "/admin/audit",
  "/admin/users",
  "/admin/tokens",
  "/admin/sso",
  "/admin/connections",
  "/admin/teams",
  "/admin/settings",
  "/account/tokens",
  "/buckets",
  "/buckets/[bucket]",
  "/buckets/[bucket]/blob/[...path]",
  "/buckets/[bucket]/tree/[...path]",
  "/catalog",
  "/catalog/[engine]",
  "/catalog/[engine]/[catalog]",
  "/catalog/[engine]/[catalog]/[schema]",
  "/catalog/[engine]/[catalog]/[schema]/[table]",
  "/lineage",
  "/pipelines",
  "/pipelines/alerts",
  "/pipelines/jobs/[namespace]/[...name]",
  "/pipelines/runs",
  "/pipelines/runs/[runId]",
  "/sql",
  "/sql/history",
  "/sql/saved",
  "/icon.svg",
  "/api/auth/[...nextauth]",
  "/api/health",
  "/api/health/live",
  "/api/health/ready",
  "/api/admin/audit/export",
  "/api/metrics",
  "/api/sql/download",
  "/api/sql/execute",
  "/api/sql/runs/[runId]/result",
  "/api/storage/download",
  "/api/storage/signed",
  "/api/storage/upload",
  "/api/trpc/[trpc]",
  "/api/v1/lineage",
  "/api/v1/column-lineage",
  "/api/v1/events/lineage",
  "/api/v1/jobs",
  "/api/v1/jobs/runs/[id]",
  "/api/v1/namespaces",
  "/api/v1/namespaces/[namespace]",
  "/api/v1/namespaces/[namespace]/datasets",
  "/api/v1/namespaces/[namespace]/datasets/[dataset]",
  "/api/v1/namespaces/[namespace]/datasets/[dataset]/versions",
  "/api/v1/namespaces/[namespace]/jobs",
  "/api/v1/namespaces/[namespace]/jobs/[job]",
  "/api/v1/namespaces/[namespace]/jobs/[job]/runs",
  "/api/v1/search",
] as const;

type Matcher = { label: string; segments: string[] };

/** "/buckets/[bucket]/blob/[...path]" → label "/buckets/:bucket/blob/*". */
function labelOf(pattern: string): string {
  return pattern.replace(/\[\.\.\.[^\]]+\]/g, "*").replace(/\[([^\]]+)\]/g, ":$1");
}

const MATCHERS: Matcher[] = APP_ROUTES.map((pattern) => ({ label: labelOf(pattern), segments: pattern.split("/").filter(Boolean) }));

function matches(matcher: Matcher, parts: string[]): boolean {
  for (let i = 0; i < matcher.segments.length; i++) {
    const segment = matcher.segments[i]!;
    if (segment.startsWith("[...")) return parts.length > i; // a catch-all takes one segment or more
    if (i >= parts.length) return false;
    if (!segment.startsWith("[") && segment !== parts[i]) return false;
  }
  return parts.length === matcher.segments.length;
}

/** The label of the app route a path belongs to, or null when it names none. */
export function appRouteLabel(pathname: string): string | null {
  const parts = pathname.split("/").filter(Boolean);
  // Static segments win over dynamic ones, as in Next's own matching: try the most literal first.
  let best: Matcher | null = null;
  let bestLiterals = -1;
  for (const matcher of MATCHERS) {
    if (!matches(matcher, parts)) continue;
    const literals = matcher.segments.filter((s) => !s.startsWith("[")).length;
    if (literals > bestLiterals) {
      best = matcher;
      bestLiterals = literals;
    }
  }
  return best?.label ?? null;
}

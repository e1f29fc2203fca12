// What a personal API token may be used for. A token acts with its owner's current role
// intersected with its scopes: the scope says which kind of endpoint it may call, and the
// endpoint's own role check still runs on the owner's role as the database holds it now.
import type { Role } from "./roles";

export const SCOPES = ["read", "sql:run", "lineage:write", "metrics:read", "storage:write"] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope lets a token do, for the create dialog and the README. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  read: "Read through the API: query results, SQL downloads and bucket downloads.",
  "sql:run": "Run SQL statements (POST /api/sql/execute), with the owner's SQL rights.",
  "lineage:write": "Send OpenLineage events (POST /api/v1/lineage); needs an editor.",
  "metrics:read": "Scrape Prometheus metrics (GET /api/metrics).",
  "storage:write": "Upload files into buckets the owner may write.",
};

/**
 * The least role an owner needs for a scope to be granted at creation. Requests are checked
 * again on the owner's current role by each route, so a demoted owner loses the right at once;
 * bucket writes are decided per bucket by PORTAL_BUCKET_ACCESS, so storage:write asks only for a viewer here.
 */
export const SCOPE_MIN_ROLE: Record<Scope, Role> = {
  read: "viewer",
  "sql:run": "viewer",
  "lineage:write": "editor",
  "metrics:read": "viewer",
  "storage:write": "viewer",
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

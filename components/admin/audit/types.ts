// The audit log's view state lives in the URL (shareable, back button works): these turn the
// URL's parameters into the list's input and the export's link, the same way on the server
// (the page's prefetch) and in the browser.
import type { RouterInputs, RouterOutputs } from "@/server/api/root";

export type AuditRow = RouterOutputs["audit"]["list"]["events"][number];
export type AuditListInput = RouterInputs["audit"]["list"];

export const AUDIT_PAGE_SIZE = 50;

/** The URL parameters of the view. Dates are UTC days (YYYY-MM-DD), `to` inclusive. */
export const AUDIT_PARAMS = ["actor", "action", "outcome", "from", "to", "subject", "cursor", "dir"] as const;
export type AuditParams = Partial<Record<(typeof AUDIT_PARAMS)[number], string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** Only the known parameters, as single strings (Next gives arrays for repeated ones). */
export function auditParamsOf(search: Record<string, string | string[] | undefined> | URLSearchParams): AuditParams {
  const get = (k: string) => (search instanceof URLSearchParams ? search.get(k) : ((v) => (Array.isArray(v) ? v[0] : v))(search[k]));
  const params: AuditParams = {};
  for (const key of AUDIT_PARAMS) {
    const value = get(key)?.trim();
    if (value) params[key] = value;
  }
  return params;
}

/** The filter part, as the list and the export both take it. */
function filterOf(p: AuditParams) {
  return {
    ...(p.actor ? { actor: p.actor } : {}),
    ...(p.action ? { actions: [p.action] } : {}),
    ...(p.outcome === "success" || p.outcome === "failure" || p.outcome === "denied" ? { outcome: p.outcome as "success" | "failure" | "denied" } : {}),
    ...(p.from && DAY.test(p.from) ? { from: `${p.from}T00:00:00.000Z` } : {}),
    ...(p.to && DAY.test(p.to) ? { to: nextDay(p.to) } : {}),
    ...(p.subject ? { subject: p.subject } : {}),
  };
}

export function auditListInput(p: AuditParams): AuditListInput {
  return {
    filter: filterOf(p),
    pageSize: AUDIT_PAGE_SIZE,
    ...(p.cursor && /^\d{1,19}$/.test(p.cursor) ? { cursor: p.cursor, direction: p.dir === "newer" ? ("newer" as const) : ("older" as const) } : {}),
  };
}

export function isFiltered(p: AuditParams): boolean {
  return Boolean(p.actor || p.action || p.outcome || p.from || p.to || p.subject);
}

/** The export of exactly this filter (paging does not apply: the whole filtered log). */
export function exportHref(p: AuditParams, format: "csv" | "ndjson"): string {
  const f = filterOf(p);
  const q = new URLSearchParams({ format });
  if (f.actor) q.set("actor", f.actor);
  if (f.actions) q.set("action", f.actions.join(","));
  if (f.outcome) q.set("outcome", f.outcome);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  if (f.subject) q.set("subject", f.subject);
  return `/api/admin/audit/export?${q.toString()}`;
}

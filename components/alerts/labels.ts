// How the alerts page names rule kinds, scopes, channel kinds and delivery states.
export const RULE_KIND_LABELS: Record<string, string> = {
  job_failed: "Job failed",
  job_late: "Job did not finish in time",
  dataset_stale: "Dataset older than its freshness SLA",
};
export const SCOPE_LABELS: Record<string, string> = { job: "Job", namespace: "Namespace", tag: "Tag" };
export const SCOPE_HINTS: Record<string, string> = {
  job: "<namespace>:<job name>, e.g. airflow://prod:orders_dag (its tasks too)",
  namespace: "e.g. airflow://prod",
  tag: "a catalog tag, e.g. finance",
};
export const CHANNEL_KIND_LABELS: Record<string, string> = { slack: "Slack-compatible", json: "JSON, signed (HMAC-SHA256)" };
export const DELIVERY_TONES: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  pending: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  sending: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

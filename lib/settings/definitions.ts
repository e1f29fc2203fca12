// The settings registry: one entry per setting of Admin › Settings. An entry says what the setting
// is (label, help, group), how a value is validated (the zod schema env.ts uses for its variable),
// which environment variable locks it, and its default. Adding a setting is one entry here plus the
// one line in its consumer that reads `settingValue(key)` (server/settings/effective.ts).
//
// Effective value: the environment variable when it is set (locked: shown, not editable) › the
// stored value › the default. Client-safe (zod only): the page validates with the same schemas.
import type { z } from "zod";
import {
  alertEvaluateSecondsSchema,
  auditRetentionDaysSchema,
  bucketRulesSchema,
  crawlIntervalMinutesSchema,
  DEFAULT_BUCKET_ACCESS,
  DEFAULT_TIME_LIMITS,
  resultMaxMbSchema,
  resultRetentionHoursSchema,
  sessionHoursSchema,
  timeLimitsSchema,
  uploadMaxMbSchema,
} from "./value-schemas";

/** How the page edits a value. */
export type SettingInput = { kind: "number"; unit: string; step?: number } | { kind: "time-limits" } | { kind: "bucket-rules" };

export type SettingGroup = "Bucket access" | "Uploads" | "SQL workbench" | "Sign-in" | "Catalog" | "Alerts" | "Audit log";

export type SettingDefinition<T = unknown> = {
  key: string;
  group: SettingGroup;
  label: string;
  help: string;
  /** The validation of a stored or typed value; the same schema env.ts applies to `env`. */
  schema: z.ZodType<T, unknown>;
  /** The variable that, when set, locks the setting to its value; none: never locked. */
  env?: string;
  default: T;
  input: SettingInput;
};

function define<T>(definition: SettingDefinition<T> & { schema: z.ZodType<T, unknown> }): SettingDefinition<T> {
  return definition;
}

export const SETTINGS = {
  "storage.bucketAccess": define({
    key: "storage.bucketAccess",
    group: "Bucket access",
    label: "Bucket access rules",
    help: 'The lowest role that may read and write each bucket. "*" covers every bucket without a rule of its own; a bucket no rule covers, or whose read is "none", is hidden from everyone.',
    schema: bucketRulesSchema,
    env: "PORTAL_BUCKET_ACCESS",
    default: DEFAULT_BUCKET_ACCESS,
    input: { kind: "bucket-rules" },
  }),
  "uploads.maxMB": define({
    key: "uploads.maxMB",
    group: "Uploads",
    label: "Largest upload",
    help: "The largest file the bucket browser accepts, unless the bucket's rule gives its own limit.",
    schema: uploadMaxMbSchema,
    env: "PORTAL_UPLOAD_MAX_MB",
    default: 5_120,
    input: { kind: "number", unit: "MB" },
  }),
  "sql.timeLimits": define({
    key: "sql.timeLimits",
    group: "SQL workbench",
    label: "Query time limit by role",
    help: "How long one statement may run before it is stopped, for each role. Applies to statements started after the change.",
    schema: timeLimitsSchema,
    env: "SQL_TIME_LIMIT_SECONDS",
    default: DEFAULT_TIME_LIMITS,
    input: { kind: "time-limits" },
  }),
  "sql.resultRetentionHours": define({
    key: "sql.resultRetentionHours",
    group: "SQL workbench",
    label: "Keep results for",
    help: "How long a finished result is kept for downloads and re-opened tabs. The sweeper removes older ones; 0 keeps nothing new.",
    schema: resultRetentionHoursSchema,
    env: "SQL_RESULT_RETENTION_HOURS",
    default: 24,
    input: { kind: "number", unit: "hours", step: 0.5 },
  }),
  "sql.resultMaxMB": define({
    key: "sql.resultMaxMB",
    group: "SQL workbench",
    label: "Largest kept result",
    help: "Results larger than this before compression are not kept; downloading one runs the statement again.",
    schema: resultMaxMbSchema,
    env: "SQL_RESULT_MAX_MB",
    default: 2_048,
    input: { kind: "number", unit: "MB" },
  }),
  "auth.sessionHours": define({
    key: "auth.sessionHours",
    group: "Sign-in",
    label: "Session length",
    help: "How long a sign-in lasts. Applies to sessions started after the change.",
    schema: sessionHoursSchema,
    env: "PORTAL_SESSION_HOURS",
    default: 12,
    input: { kind: "number", unit: "hours", step: 0.1 },
  }),
  "catalog.crawlIntervalMinutes": define({
    key: "catalog.crawlIntervalMinutes",
    group: "Catalog",
    label: "Crawl every",
    help: "Minutes between scheduled crawls of each engine's metadata; 0 turns scheduled crawls off (editors can still start one).",
    schema: crawlIntervalMinutesSchema,
    env: "CATALOG_CRAWL_INTERVAL_MINUTES",
    default: 60,
    input: { kind: "number", unit: "minutes" },
  }),
  "alerts.evaluateSeconds": define({
    key: "alerts.evaluateSeconds",
    group: "Alerts",
    label: "Check alert rules every",
    help: "Seconds between evaluations of the alert rules (one replica evaluates at a time); 0 turns alerting off. Applies on every replica within seconds, without a restart.",
    schema: alertEvaluateSecondsSchema,
    env: "PORTAL_ALERTS_EVALUATE_SECONDS",
    default: 30,
    input: { kind: "number", unit: "seconds" },
  }),
  "audit.retentionDays": define({
    key: "audit.retentionDays",
    group: "Audit log",
    label: "Keep audit events for",
    help: "Days to keep audit events; older ones are deleted hourly, in batches, by one replica. 0 keeps them forever.",
    schema: auditRetentionDaysSchema,
    env: "PORTAL_AUDIT_RETENTION_DAYS",
    default: 0,
    input: { kind: "number", unit: "days" },
  }),
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]["default"];
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const SETTING_GROUPS: SettingGroup[] = ["Bucket access", "Uploads", "SQL workbench", "Sign-in", "Catalog", "Alerts", "Audit log"];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

export function definitionOf(key: SettingKey): SettingDefinition {
  return SETTINGS[key] as SettingDefinition;
}

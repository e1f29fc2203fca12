// The value schemas of the settings that an environment variable can also set. server/config/env.ts
// validates the variables with these, and Admin › Settings validates stored values with the same
// ones (on the server, and in the browser for instant messages), so a value means the same and is
// refused with the same message wherever it comes from. Only zod here: the browser imports it.
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Plain numbers. z.coerce: an environment variable is text, a stored or typed value a number.
// ---------------------------------------------------------------------------------------------
export const uploadMaxMbSchema = z.coerce
  .number("must be a number of megabytes")
  .int("must be a whole number of megabytes")
  .min(1, "must be at least 1")
  .max(5_000_000, "must be at most 5000000");

export const sessionHoursSchema = z.coerce.number("must be a number of hours").min(0.1, "must be at least 0.1 (6 minutes)").max(720, "must be at most 720 (30 days)");

export const crawlIntervalMinutesSchema = z.coerce
  .number("must be a number of minutes")
  .int("must be a whole number of minutes")
  .min(0, "must be 0 (off) or more")
  .max(10_080, "must be at most 10080 (a week)");

export const auditRetentionDaysSchema = z.coerce
  .number("must be a number of days")
  .int("must be a whole number of days")
  .min(0, "must be 0 (keep forever) or more")
  .max(36_500, "must be at most 36500");

export const resultRetentionHoursSchema = z.coerce.number("must be a number of hours").min(0, "must be 0 (off) or more").max(8_760, "must be at most 8760 (a year)");

export const resultMaxMbSchema = z.coerce
  .number("must be a number of megabytes")
  .int("must be a whole number of megabytes")
  .min(1, "must be at least 1")
  .max(1_000_000, "must be at most 1000000");

export const alertEvaluateSecondsSchema = z.coerce
  .number("must be a number of seconds")
  .int("must be a whole number of seconds")
  .min(0, "must be 0 (off) or more")
  .max(3_600, "must be at most 3600 (an hour)");

// ---------------------------------------------------------------------------------------------
// Query time limits by role. The variable SQL_TIME_LIMIT_SECONDS may also be one number for every
// role (env.ts turns it into this shape); a stored value is always the three numbers.
// ---------------------------------------------------------------------------------------------
export const TIME_LIMIT_ROLES = ["viewer", "editor", "admin"] as const;
export type TimeLimits = Record<(typeof TIME_LIMIT_ROLES)[number], number>;
export const DEFAULT_TIME_LIMITS: TimeLimits = { viewer: 300, editor: 1_800, admin: 3_600 };
export const MAX_TIME_LIMIT_SECONDS = 86_400;

export const timeLimitSecondsSchema = z.coerce
  .number("must be a number of seconds")
  .int("must be a whole number of seconds")
  .min(1, "must be at least 1 second")
  .max(MAX_TIME_LIMIT_SECONDS, `must be at most ${MAX_TIME_LIMIT_SECONDS} (a day)`);

export const timeLimitsSchema = z.strictObject(
  { viewer: timeLimitSecondsSchema, editor: timeLimitSecondsSchema, admin: timeLimitSecondsSchema },
  "must give a time limit for the viewer, editor and admin roles",
);

// ---------------------------------------------------------------------------------------------
// Bucket access rules (PORTAL_BUCKET_ACCESS): which role may read / write which bucket, e.g.
// {"raw":{"read":"viewer","write":"editor"},"archive":{"read":"viewer","write":"none"},"*":{"read":"viewer","write":"editor"}}
// "*" covers every bucket not named; a bucket covered by no rule is hidden from everyone.
// ---------------------------------------------------------------------------------------------
export const BUCKET_ACCESS_LEVELS = ["viewer", "editor", "admin", "none"] as const;
export type BucketAccessLevel = (typeof BUCKET_ACCESS_LEVELS)[number];
export type BucketRule = { read: BucketAccessLevel; write: BucketAccessLevel; /** Largest upload in MB; unset: the upload limit setting. */ maxUploadMB?: number };
export type BucketRules = Record<string, BucketRule>;
export const DEFAULT_BUCKET_ACCESS: BucketRules = { "*": { read: "viewer", write: "editor" } };
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const BUCKET_ACCESS_EXAMPLE = '{"raw":{"read":"viewer","write":"editor"},"*":{"read":"viewer","write":"editor"}}';

/** Every problem of a rules object, one sentence each naming the bucket; an empty list when it is valid. */
export function bucketRuleProblems(value: unknown): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [`must be a JSON object keyed by bucket name or "*", e.g. ${BUCKET_ACCESS_EXAMPLE}`];
  const problems: string[] = [];
  for (const [bucket, rule] of Object.entries(value)) {
    if (bucket.trim() === "") problems.push('a rule has an empty bucket name: give a bucket name or "*"');
    else if (bucket !== "*" && !BUCKET_NAME.test(bucket)) problems.push(`"${bucket}" is not a bucket name (3-63 characters: a-z, 0-9, dots, hyphens) or "*"`);
    const r = (rule ?? {}) as Record<string, unknown>;
    const extra = typeof rule === "object" && rule ? Object.keys(rule).filter((k) => k !== "read" && k !== "write" && k !== "maxUploadMB") : [];
    const badLevels = [r.read, r.write].filter((level) => !BUCKET_ACCESS_LEVELS.includes(level as BucketAccessLevel));
    if (badLevels.length || extra.length) {
      const named = badLevels.filter((level): level is string => typeof level === "string" && level !== "");
      const unknown = named.length ? `: ${named.map((level) => `"${level}" is not a role`).join(", ")}` : "";
      problems.push(`"${bucket}" must be {"read":ROLE,"write":ROLE} (optionally "maxUploadMB":N) with ROLE one of ${BUCKET_ACCESS_LEVELS.join(", ")}${unknown}`);
      continue;
    }
    const maxUploadMB = r.maxUploadMB;
    if (maxUploadMB !== undefined && (typeof maxUploadMB !== "number" || !Number.isInteger(maxUploadMB) || maxUploadMB < 1)) {
      problems.push(`"${bucket}": maxUploadMB must be a whole number of megabytes, at least 1`);
      continue;
    }
    // A writer who cannot read could not see what they upload or delete.
    if (BUCKET_ACCESS_LEVELS.indexOf(r.write as BucketAccessLevel) < BUCKET_ACCESS_LEVELS.indexOf(r.read as BucketAccessLevel))
      problems.push(`"${bucket}": write (${String(r.write)}) must not be a lower role than read (${String(r.read)})`);
  }
  return problems;
}

/** A rules object (already parsed from JSON); refused with every problem in one message. */
export const bucketRulesSchema = z.unknown().transform((value, ctx): BucketRules => {
  const problems = bucketRuleProblems(value);
  if (problems.length) {
    ctx.addIssue({ code: "custom", message: problems.join("; ") });
    return z.NEVER;
  }
  const rules: BucketRules = {};
  for (const [bucket, rule] of Object.entries(value as Record<string, BucketRule>)) {
    rules[bucket] = rule.maxUploadMB === undefined ? { read: rule.read, write: rule.write } : { read: rule.read, write: rule.write, maxUploadMB: rule.maxUploadMB };
  }
  return rules;
});

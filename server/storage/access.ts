// Who may read and write which bucket: the bucket access rules of Admin › Settings (PORTAL_BUCKET_ACCESS
// when set), read from this process's settings snapshot, so a change applies on every replica.
// Every storage call checks here first. A bucket nobody may read is hidden: asking for it is
// a 404, as if it did not exist, so its name does not leak.
import type { z } from "zod";
import { getConfig, type BucketRule } from "../config/env";
import { settingValue } from "../settings/effective";
import { hasRole, type Role } from "../../lib/auth/roles";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { bucketNotFound } from "./object-store";
import type { bucketInput } from "./schemas";
import { BYTES_PER_MB } from "../../lib/storage/upload-limit";

export type BucketRules = Record<string, BucketRule>;
export type BucketRights = { read: boolean; write: boolean };

export function ruleFor(bucket: string, rules: BucketRules = settingValue("storage.bucketAccess")): BucketRule | null {
  // The workbench's result bucket holds other users' query results: never browsable, whatever
  // the rules say (results are read back only by their owner, through the workbench).
  if (bucket === getConfig().SQL_RESULT_BUCKET) return null;
  return rules[bucket] ?? rules["*"] ?? null;
}

export function rightsOf(role: Role, bucket: string, rules?: BucketRules): BucketRights {
  const rule = ruleFor(bucket, rules);
  const allows = (needed: BucketRule["read"]) => needed !== "none" && hasRole(role, needed);
  return { read: rule ? allows(rule.read) : false, write: rule ? allows(rule.write) : false };
}

/** A bucket someone may read; the others are hidden from everyone (asking for one is a 404). */
export function isVisibleBucket(bucket: string, rules?: BucketRules): boolean {
  const rule = ruleFor(bucket, rules);
  return rule !== null && rule.read !== "none";
}

export function assertCanRead(role: Role, bucket: string, rules?: BucketRules): void {
  const rule = ruleFor(bucket, rules);
  if (!rule || rule.read === "none") throw bucketNotFound(bucket);
  if (!hasRole(role, rule.read)) {
    throw new DomainError("FORBIDDEN", `Bucket "${bucket}" is open to the ${rule.read} role and above; you are signed in as ${role}.`);
  }
}

export function assertCanWrite(role: Role, bucket: string, rules?: BucketRules): void {
  assertCanRead(role, bucket, rules);
  const rule = ruleFor(bucket, rules)!;
  if (rule.write === "none") throw new DomainError("FORBIDDEN", `Bucket "${bucket}" is read-only in the portal.`);
  if (!hasRole(role, rule.write)) {
    throw new DomainError("FORBIDDEN", `Changing files in bucket "${bucket}" needs the ${rule.write} role; you are signed in as ${role}.`);
  }
}

/** The largest upload `bucket` accepts, in bytes: its rule's maxUploadMB, else the upload limit setting. */
export function uploadLimitBytes(bucket: string, rules?: BucketRules): number {
  const perBucket = ruleFor(bucket, rules)?.maxUploadMB;
  return (perBucket ?? settingValue("uploads.maxMB")) * BYTES_PER_MB;
}

/** What the upload panel needs: the bucket's limit, for someone who may write to it. */
export function uploadLimit({ ctx, input }: HandlerArgs<z.infer<typeof bucketInput>>): { bucket: string; maxBytes: number } {
  assertCanWrite(ctx.user.role, input.bucket);
  return { bucket: input.bucket, maxBytes: uploadLimitBytes(input.bucket) };
}

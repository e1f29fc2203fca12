// What each role may read and write, bucket by bucket, under a set of access rules: the preview
// beside the rules editor (computed in the browser as the admin edits, before saving) and the same
// decision server/storage/access.ts makes. Client-safe.
import { hasRole, ROLES, type Role } from "../auth/roles";
import type { BucketAccessLevel, BucketRules } from "./value-schemas";

export type RoleRights = { read: boolean; write: boolean };
export type BucketPreview = { bucket: string; /** The rule that applies: the bucket's own, "*", or null (hidden). */ rule: string | null; rights: Record<Role, RoleRights> };

export function allows(role: Role, needed: BucketAccessLevel): boolean {
  return needed !== "none" && hasRole(role, needed);
}

export function previewBucketAccess(rules: BucketRules, buckets: string[]): BucketPreview[] {
  return buckets.map((bucket) => {
    const rule = Object.hasOwn(rules, bucket) ? bucket : Object.hasOwn(rules, "*") ? "*" : null;
    const applied = rule ? rules[rule] : undefined;
    const rights = Object.fromEntries(
      ROLES.map((role) => {
        const read = applied ? allows(role, applied.read) : false;
        return [role, { read, write: read && applied ? allows(role, applied.write) : false }];
      }),
    ) as Record<Role, RoleRights>;
    return { bucket, rule, rights };
  });
}

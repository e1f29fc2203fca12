// The three roles, ordered: every right of a viewer is also an editor's, and every right of an
// editor is also an admin's.
export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Browse the catalog, lineage and pipelines; run read-only queries.",
  editor: "Everything a viewer can, plus edit metadata, run DDL/DML and upload files.",
  admin: "Everything an editor can, plus manage users and settings.",
};

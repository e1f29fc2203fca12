// Audit actions of teams (server/teams). Subjects are `team:<id>`, resolved to the team's name
// when the audit log is read (server/audit/subjects.ts), and to the id once the team is gone.
export const TEAM_AUDIT_ACTIONS = {
  created: "team.created",
  updated: "team.updated",
  deleted: "team.deleted",
  memberAdded: "team.member_added",
  memberRemoved: "team.member_removed",
  /** Sign-in sync changed a user's memberships (details: userId, added, removed). */
  synced: "team.synced",
  syncSettingsChanged: "team.sync_settings_changed",
} as const;

export const teamSubject = (id: string) => `team:${id}`;

/** How a catalog owner names a team: `team:<slug>`, beside users' e-mail addresses. */
export const TEAM_OWNER_PREFIX = "team:";
export const teamOwnerRef = (slug: string) => `${TEAM_OWNER_PREFIX}${slug}`;
export const slugOfOwnerRef = (owner: string): string | null => (owner.startsWith(TEAM_OWNER_PREFIX) ? owner.slice(TEAM_OWNER_PREFIX.length) : null);

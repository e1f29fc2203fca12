// Input of each team operation (the teams.* procedures); each handler's input type is the z.infer
// of its schema here, never written twice.
import { z } from "zod";

export const MAX_TEAM_MEMBERS_PER_CALL = 50;

const teamId = z.uuid("must be a team id");
const userId = z.uuid("must be a user id");

/** What people call the team; the slug is derived from it once, at creation. */
export const teamName = z
  .string()
  .trim()
  .min(2, "Give the team a name of at least 2 characters.")
  .max(80, "At most 80 characters.")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._&-]*$/u, "Letters, digits, spaces and . _ & - only, starting with a letter or digit.");

const description = z.string().trim().max(500, "At most 500 characters.");

export const TEAMS_PAGE_SIZE = 50;
/** A page of teams in name order: keyset paging after the last name of the page before. */
export const listTeamsInput = z.strictObject({
  search: z.string().trim().max(100).optional(),
  after: z.string().max(80).optional(),
  limit: z.number().int().min(1).max(200).default(TEAMS_PAGE_SIZE),
});
export const teamIdInput = z.object({ teamId });
export const createTeamInput = z.object({ name: teamName, description: description.default("") });
export const updateTeamInput = z.object({
  teamId,
  name: teamName,
  description,
  /** The alert channel rules that name the team send to; null: none; left out: unchanged. */
  alertChannelId: z.uuid("must be a channel id").nullable().optional(),
});
/** Deleting asks for the team's name typed again, so a slip of the mouse deletes nothing. */
export const deleteTeamInput = z.object({ teamId, confirmName: z.string().trim().max(80) });
export const addMembersInput = z.object({
  teamId,
  emails: z
    .array(z.string().trim().toLowerCase().max(320).pipe(z.email("Not an e-mail address.")))
    .min(1, "Name at least one user.")
    .max(MAX_TEAM_MEMBERS_PER_CALL, `At most ${MAX_TEAM_MEMBERS_PER_CALL} at once.`),
});
export const removeMemberInput = z.object({ teamId, userId });

/** Team sync from single sign-on. */
export const updateTeamSyncInput = z.object({
  enabled: z.boolean(),
  claim: z
    .string()
    .trim()
    .min(1, "Name the claim that lists the groups, e.g. groups.")
    .max(200, "At most 200 characters.")
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, "A claim name, or names joined by dots for nested claims (realm_access.groups)."),
  prefix: z.string().trim().max(100, "At most 100 characters."),
  /** The version the form was loaded with: a newer save in between is a conflict. */
  version: z.number().int().min(0),
});

/** Owner references (`team:<slug>`) to resolve for a dataset page or an impact list. */
export const resolveOwnersInput = z.object({ owners: z.array(z.string().max(320)).max(200) });

// teams.*: wiring only; each procedure is a handler({ ctx, input }) of server/teams.
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";
import { addMembers, createTeam, deleteTeam, getTeam, listTeams, removeMember, updateTeam } from "../../../teams/teams";
import { getTeamSync, updateTeamSync } from "../../../teams/sync";
import { resolveOwners } from "../../../teams/owners";
import {
  addMembersInput,
  createTeamInput,
  deleteTeamInput,
  listTeamsInput,
  removeMemberInput,
  resolveOwnersInput,
  teamIdInput,
  updateTeamInput,
  updateTeamSyncInput,
} from "../../../teams/schemas";

export const teamsRouter = createTRPCRouter({
  list: adminProcedure.input(listTeamsInput).query(listTeams),
  get: adminProcedure.input(teamIdInput).query(getTeam),
  create: adminProcedure.input(createTeamInput).mutation(createTeam),
  update: adminProcedure.input(updateTeamInput).mutation(updateTeam),
  delete: adminProcedure.input(deleteTeamInput).mutation(deleteTeam),
  addMembers: adminProcedure.input(addMembersInput).mutation(addMembers),
  removeMember: adminProcedure.input(removeMemberInput).mutation(removeMember),
  syncSettings: adminProcedure.query(getTeamSync),
  updateSync: adminProcedure.input(updateTeamSyncInput).mutation(updateTeamSync),
  // Who is behind a team that owns a dataset: shown on dataset pages and impact lists.
  resolveOwners: protectedProcedure.input(resolveOwnersInput).query(resolveOwners),
});

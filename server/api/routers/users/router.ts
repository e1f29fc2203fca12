// users.*: wiring only; the rules are in server/users/users.ts.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { changeRole, createUser, listUsers, resetPassword, setDisabled, unlockUser } from "../../../users/users";
import { changeRoleInput, createUserInput, listUsersInput, resetPasswordInput, setDisabledInput, unlockInput } from "./schemas";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.input(listUsersInput).query(({ input }) => listUsers(input)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.user, input)),
  changeRole: adminProcedure.input(changeRoleInput).mutation(({ ctx, input }) => changeRole(ctx.user, input)),
  setDisabled: adminProcedure.input(setDisabledInput).mutation(({ ctx, input }) => setDisabled(ctx.user, input)),
  resetPassword: adminProcedure.input(resetPasswordInput).mutation(({ ctx, input }) => resetPassword(ctx.user, input)),
  unlock: adminProcedure.input(unlockInput).mutation(({ ctx, input }) => unlockUser(ctx.user, input)),
});

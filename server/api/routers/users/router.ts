// users.*: wiring only; each procedure is a handler({ ctx, input }) of server/users/users.ts.
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { changeRole, createUser, listUsers, resetPassword, setDisabled, unlockUser } from "../../../users/users";
import { changeRoleInput, createUserInput, listUsersInput, resetPasswordInput, setDisabledInput, unlockInput } from "../../../users/schemas";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.input(listUsersInput).query(listUsers),
  create: adminProcedure.input(createUserInput).mutation(createUser),
  changeRole: adminProcedure.input(changeRoleInput).mutation(changeRole),
  setDisabled: adminProcedure.input(setDisabledInput).mutation(setDisabled),
  resetPassword: adminProcedure.input(resetPasswordInput).mutation(resetPassword),
  unlock: adminProcedure.input(unlockInput).mutation(unlockUser),
});

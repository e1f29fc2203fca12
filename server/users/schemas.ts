// Input of each user-administration operation (the users.* procedures); each handler's input type
// is the z.infer of its schema here, never written twice.
import { z } from "zod";
import { ROLES } from "../../lib/auth/roles";
import { newPassword } from "../../lib/auth/password-rules";

const userId = z.uuid("must be a user id");
const role = z.enum(ROLES, "must be admin, editor or viewer");
const password = newPassword;

export const listUsersInput = z.object({
  search: z.string().trim().max(200).optional(),
  role: role.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email("must be an e-mail address")),
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  role,
  password,
});

export const changeRoleInput = z.object({ userId, role });
export const setDisabledInput = z.object({ userId, disabled: z.boolean() });
export const resetPasswordInput = z.object({ userId, password });
export const unlockInput = z.object({ userId });

import type { RouterInputs, RouterOutputs } from "@/server/api/root";
import type { Role } from "@/lib/auth/roles";

export type UserRow = RouterOutputs["users"]["list"]["users"][number];
/** What the create and reset dialogs know of a user (no lock-out state). */
export type UserBasics = Omit<UserRow, "lockedUntil">;
export type UsersListInput = RouterInputs["users"]["list"];

export const USERS_PAGE_SIZE = 25;

/** The list's input for a set of filters; the server page prefetches the default one. */
export function usersListInput(filters: { search: string; role: Role | ""; page: number }): UsersListInput {
  return {
    page: filters.page,
    pageSize: USERS_PAGE_SIZE,
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.role ? { role: filters.role } : {}),
  };
}

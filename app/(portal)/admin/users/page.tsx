import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { UsersAdmin } from "@/components/admin/users/users-admin";
import { usersListInput } from "@/components/admin/users/types";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await currentUser();
  if (!user) return null;
  // Awaited so the first HTML already holds the table (no loading flash); a failure here is left
  // to the browser's own request, which shows the error with a Retry button.
  await getQueryClient().prefetchQuery(trpc.users.list.queryOptions(usersListInput({ search: "", role: "", page: 1 })));
  return (
    <HydrateClient>
      <UsersAdmin currentUserId={user.id} />
    </HydrateClient>
  );
}

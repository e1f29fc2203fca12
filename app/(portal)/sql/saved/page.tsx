import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { SavedQueries } from "@/components/sql/saved/saved-queries";
import { savedListInput } from "@/components/sql/saved/saved-input";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Saved queries" };

export default async function SavedQueriesPage() {
  const user = await currentUser();
  if (!user) return null;
  await getQueryClient().prefetchQuery(trpc.sql.saved.list.queryOptions(savedListInput({})));
  return (
    <HydrateClient>
      <SavedQueries currentUserId={user.id} isAdmin={hasRole(user.role, "admin")} />
    </HydrateClient>
  );
}

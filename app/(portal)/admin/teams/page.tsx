import type { Metadata } from "next";
import { TeamsAdmin } from "@/components/admin/teams/teams-admin";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Teams" };

// The admin layout has already refused anyone but admins.
export default async function AdminTeamsPage() {
  const queryClient = getQueryClient();
  await Promise.all([queryClient.prefetchQuery(trpc.teams.list.queryOptions({})), queryClient.prefetchQuery(trpc.teams.syncSettings.queryOptions())]);
  return (
    <HydrateClient>
      <TeamsAdmin />
    </HydrateClient>
  );
}

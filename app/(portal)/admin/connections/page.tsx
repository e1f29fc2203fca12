import type { Metadata } from "next";
import { ConnectionsAdmin } from "@/components/admin/connections/connections-admin";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Connections" };

// The admin layout has already refused anyone but admins.
export default async function AdminConnectionsPage() {
  await getQueryClient().prefetchQuery(trpc.connections.list.queryOptions());
  return (
    <HydrateClient>
      <ConnectionsAdmin />
    </HydrateClient>
  );
}

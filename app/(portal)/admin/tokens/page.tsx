import type { Metadata } from "next";
import { AdminTokens } from "@/components/tokens/admin-tokens";
import { adminTokensInput } from "@/components/tokens/types";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "API tokens" };

// The admin layout has already refused anyone but admins.
export default async function AdminTokensPage() {
  await getQueryClient().prefetchQuery(trpc.tokens.all.queryOptions(adminTokensInput("", 1)));
  return (
    <HydrateClient>
      <AdminTokens />
    </HydrateClient>
  );
}

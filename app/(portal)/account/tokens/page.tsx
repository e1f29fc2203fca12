import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { AccountTokens } from "@/components/tokens/account-tokens";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { getConfig } from "@/server/config/env";

export const metadata: Metadata = { title: "API tokens" };

export default async function AccountTokensPage() {
  const user = await currentUser();
  if (!user) return null;
  // Awaited so the first HTML already holds the list; a failure is left to the browser's own
  // request, which shows it with a Retry button.
  await getQueryClient().prefetchQuery(trpc.tokens.list.queryOptions());
  return (
    <HydrateClient>
      <AccountTokens role={user.role} maxDays={getConfig().PORTAL_TOKEN_MAX_DAYS} />
    </HydrateClient>
  );
}

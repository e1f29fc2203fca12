import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { HistoryTable } from "@/components/sql/history/history-table";
import { historyInput } from "@/components/sql/history/history-input";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "SQL history" };

export default async function SqlHistoryPage() {
  const user = await currentUser();
  if (!user) return null;
  // Awaited so the first HTML already holds the first page; a failure is left to the browser's
  // own request, which shows it with a Retry button.
  await Promise.all([getQueryClient().prefetchQuery(trpc.sql.history.queryOptions(historyInput({}))), getQueryClient().prefetchQuery(trpc.sql.engines.queryOptions())]);
  return (
    <HydrateClient>
      <HistoryTable isAdmin={hasRole(user.role, "admin")} />
    </HydrateClient>
  );
}

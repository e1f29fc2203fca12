import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { AlertsPage } from "@/components/alerts/alerts-page";
import { hasRole } from "@/lib/auth/roles";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Pipeline alerts" };

export default async function Page() {
  const user = await currentUser();
  if (!user) return null;
  const queryClient = getQueryClient();
  // Awaited so the first HTML holds the lists; a failure is shown by the browser's own request.
  await Promise.all([
    queryClient.prefetchQuery(trpc.alerts.history.queryOptions({ limit: 25 })),
    queryClient.prefetchQuery(trpc.alerts.rules.queryOptions()),
    queryClient.prefetchQuery(trpc.alerts.channels.queryOptions()),
    queryClient.prefetchQuery(trpc.alerts.deliveries.queryOptions({ limit: 50 })),
  ]);
  return (
    <HydrateClient>
      <AlertsPage canEdit={hasRole(user.role, "editor")} />
    </HydrateClient>
  );
}

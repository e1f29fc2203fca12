import type { Metadata } from "next";
import { SettingsAdmin } from "@/components/admin/settings/settings-admin";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Settings" };

// The admin layout has already refused anyone but admins.
export default async function AdminSettingsPage() {
  await getQueryClient().prefetchQuery(trpc.settings.list.queryOptions());
  return (
    <HydrateClient>
      <SettingsAdmin />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { SsoAdmin } from "@/components/admin/sso/sso-admin";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Single sign-on" };

// The admin layout has already refused anyone but admins.
export default async function AdminSsoPage() {
  await getQueryClient().prefetchQuery(trpc.sso.settings.queryOptions());
  return (
    <HydrateClient>
      <SsoAdmin />
    </HydrateClient>
  );
}

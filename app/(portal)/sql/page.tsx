import type { Metadata } from "next";
import { Suspense } from "react";
import { currentUser } from "@/components/auth/session";
import { Workbench } from "@/components/sql/workbench";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "SQL workbench" };

export default async function SqlPage() {
  const user = await currentUser();
  if (!user) return null; // the portal layout has sent visitors without a session to sign in
  // The engine list is in the first HTML, so the pickers do not flash "Loading…".
  await getQueryClient().prefetchQuery(trpc.sql.engines.queryOptions());
  return (
    <HydrateClient>
      {/* useSearchParams (?saved=, ?query=) needs a Suspense boundary. */}
      <Suspense>
        <Workbench role={user.role} />
      </Suspense>
    </HydrateClient>
  );
}

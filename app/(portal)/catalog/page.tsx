import type { Metadata } from "next";
import { Suspense } from "react";
import { currentUser } from "@/components/auth/session";
import { CatalogSearch } from "@/components/catalog/search/catalog-search";
import { FILTER_KEYS, searchInputFor, searchStateFrom } from "@/components/catalog/paths";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Data catalog" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (!user) return null; // the portal layout has sent visitors without a session to sign in
  const params = await searchParams;
  const state = searchStateFrom({ get: (key) => (typeof params[key] === "string" ? (params[key] as string) : null) });
  const browsing = !state.q.trim() && !FILTER_KEYS.some((k) => state.filters[k]);
  // Awaited, so the first HTML already holds the results (no loading flash); a failure is left
  // to the browser's own request, which shows it with Retry.
  const client = getQueryClient();
  await Promise.all([
    client.prefetchQuery(trpc.catalog.search.queryOptions(searchInputFor(state))),
    browsing ? client.prefetchQuery(trpc.catalog.engines.queryOptions()) : client.prefetchQuery(trpc.catalog.facets.queryOptions({ q: state.q, filters: state.filters })),
  ]);
  return (
    <HydrateClient>
      {/* useSearchParams needs a Suspense boundary. */}
      <Suspense>
        <CatalogSearch canCrawl={hasRole(user.role, "editor")} />
      </Suspense>
    </HydrateClient>
  );
}

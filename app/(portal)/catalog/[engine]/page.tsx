import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { EngineView } from "@/components/catalog/browse/browse-views";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { hasRole } from "@/lib/auth/roles";
import { routeParam } from "../params";

type Params = { engine: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${routeParam((await params).engine)} · Catalog` };
}

export default async function EnginePage({ params }: { params: Promise<Params> }) {
  const user = await currentUser();
  if (!user) return null;
  const engineId = routeParam((await params).engine);
  const client = getQueryClient();
  await Promise.all([
    client.prefetchQuery(trpc.catalog.engines.queryOptions()),
    client.prefetchQuery(trpc.catalog.catalogs.queryOptions({ engineId })),
    client.prefetchQuery(trpc.catalog.crawl.runs.queryOptions({ engineId, limit: 1 })),
  ]);
  return (
    <HydrateClient>
      <EngineView engineId={engineId} canCrawl={hasRole(user.role, "editor")} />
    </HydrateClient>
  );
}

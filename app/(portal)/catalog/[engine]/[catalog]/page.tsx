import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { CatalogView } from "@/components/catalog/browse/browse-views";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { routeParam } from "../../params";

type Params = { engine: string; catalog: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${routeParam((await params).catalog)} · Catalog` };
}

export default async function CatalogSchemasPage({ params }: { params: Promise<Params> }) {
  const user = await currentUser();
  if (!user) return null;
  const p = await params;
  const engineId = routeParam(p.engine);
  const catalog = routeParam(p.catalog);
  await getQueryClient().prefetchQuery(trpc.catalog.schemas.queryOptions({ engineId, catalog }));
  return (
    <HydrateClient>
      <CatalogView engineId={engineId} catalogName={catalog} />
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { currentUser } from "@/components/auth/session";
import { SchemaView } from "@/components/catalog/browse/browse-views";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { routeParam } from "../../../params";

type Params = { engine: string; catalog: string; schema: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${routeParam(p.catalog)}.${routeParam(p.schema)} · Catalog` };
}

export default async function SchemaPage({ params }: { params: Promise<Params> }) {
  const user = await currentUser();
  if (!user) return null;
  const p = await params;
  const address = { engineId: routeParam(p.engine), catalog: routeParam(p.catalog), schema: routeParam(p.schema) };
  await getQueryClient().prefetchQuery(trpc.catalog.datasets.queryOptions({ ...address, page: 1, includeRemoved: false }));
  return (
    <HydrateClient>
      <SchemaView engineId={address.engineId} catalogName={address.catalog} schema={address.schema} />
    </HydrateClient>
  );
}

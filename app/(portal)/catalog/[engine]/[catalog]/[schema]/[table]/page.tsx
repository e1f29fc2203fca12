import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentUser } from "@/components/auth/session";
import { DatasetView } from "@/components/catalog/dataset/dataset-view";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { hasRole } from "@/lib/auth/roles";
import { routeParam } from "../../../../params";

type Params = { engine: string; catalog: string; schema: string; table: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${routeParam(p.table)} · ${routeParam(p.catalog)}.${routeParam(p.schema)}` };
}

export default async function DatasetPage({ params }: { params: Promise<Params> }) {
  const user = await currentUser();
  if (!user) return null;
  const p = await params;
  const address = { engineId: routeParam(p.engine), catalog: routeParam(p.catalog), schema: routeParam(p.schema), name: routeParam(p.table) };
  const client = getQueryClient();
  const options = trpc.catalog.dataset.queryOptions(address);
  await client.prefetchQuery(options);
  // An unknown dataset answers 404, not a 200 page that says so.
  const error = client.getQueryState(options.queryKey)?.error as { code?: string } | null | undefined;
  if (error?.code === "NOT_FOUND") notFound();
  return (
    <HydrateClient>
      <DatasetView address={address} canEdit={hasRole(user.role, "editor")} />
    </HydrateClient>
  );
}

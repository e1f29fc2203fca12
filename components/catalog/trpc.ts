"use client";
// tRPC hooks for the catalog pages, typed by the catalog router alone (see
// server/api/routers/catalog/api.ts). Same client, same QueryClient, same query keys as useTRPC().
import { useMemo } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { useTRPCClient } from "@/components/trpc/react";
import type { CatalogApiRouter } from "@/server/api/routers/catalog/api";
import type { inferRouterOutputs } from "@trpc/server";

export function useCatalogTRPC() {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useMemo(() => createTRPCOptionsProxy<CatalogApiRouter>({ client: client as unknown as TRPCClient<CatalogApiRouter>, queryClient }).catalog, [client, queryClient]);
}

export type CatalogOutputs = inferRouterOutputs<CatalogApiRouter>["catalog"];
export type DatasetDetail = CatalogOutputs["dataset"];
export type SearchOutput = CatalogOutputs["search"];
export type SearchHitOutput = SearchOutput["hits"][number];
export type FacetsOutput = CatalogOutputs["facets"];

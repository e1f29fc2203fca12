"use client";
// Feeds the one registered completion provider with the current engine's metadata: catalogs,
// schemas of the chosen catalog, tables and columns of the chosen schema (sql.metadata and
// sql.autocomplete, cached by TanStack Query), and loaders for other schemas on demand.
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { completionSource } from "./completion";

const FIVE_MINUTES = 5 * 60_000;
// One shared empty list, so the effect below does not re-run on every render while loading.
const NONE: string[] = [];

/**
 * `preferredSchema` null means "the first schema of the catalog" (a catalog other than the
 * engine's default has no default schema); the resolved schema is returned.
 */
export function useEngineMetadata(engineId: string | null, catalog: string | null, preferredSchema: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const enabled = !!engineId;
  const catalogs = useQuery({ ...trpc.sql.metadata.queryOptions({ engineId: engineId ?? "" }), enabled, staleTime: FIVE_MINUTES });
  const schemas = useQuery({ ...trpc.sql.metadata.queryOptions({ engineId: engineId ?? "", catalog: catalog ?? "" }), enabled: enabled && !!catalog, staleTime: FIVE_MINUTES });
  const schemaList = schemas.data && "schemas" in schemas.data ? (schemas.data.schemas ?? NONE) : NONE;
  const schema = preferredSchema ?? schemaList[0] ?? null;
  const tables = useQuery({
    ...trpc.sql.autocomplete.queryOptions({ engineId: engineId ?? "", catalog: catalog ?? "", schema: schema ?? "" }),
    enabled: enabled && !!catalog && !!schema,
    staleTime: FIVE_MINUTES,
  });

  const catalogList = catalogs.data && "catalogs" in catalogs.data ? (catalogs.data.catalogs ?? NONE) : NONE;
  const tableList = tables.data?.tables;

  useEffect(() => {
    if (!engineId) {
      completionSource.current = null;
      return;
    }
    completionSource.current = {
      catalog,
      schema,
      catalogs: catalogList,
      schemas: schemaList,
      tables: tableList ?? [],
      loadTables: async (c, s) => (await queryClient.fetchQuery({ ...trpc.sql.autocomplete.queryOptions({ engineId, catalog: c, schema: s }), staleTime: FIVE_MINUTES })).tables,
      loadSchemas: async (c) => {
        const data = await queryClient.fetchQuery({ ...trpc.sql.metadata.queryOptions({ engineId, catalog: c }), staleTime: FIVE_MINUTES });
        return "schemas" in data ? (data.schemas ?? []) : [];
      },
    };
  }, [engineId, catalog, schema, catalogList, schemaList, tableList, queryClient, trpc]);

  return { catalogs: catalogList, schemas: schemaList, schema, catalogsLoading: catalogs.isLoading, schemasLoading: schemas.isLoading };
}

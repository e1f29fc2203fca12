"use client";
// What the schema tree has loaded: one sql.metadata query for the catalogs and one per node ever
// expanded (schemas of a catalog, tables of a schema, columns of a table). Same query keys and
// five-minute cache as the editor's autocomplete (use-engine-metadata.ts), so the catalogs and
// schemas it already fetched show at once and nothing is asked twice.
import { useCallback, useMemo } from "react";
import { useIsFetching, useQueries, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import type { RouterOutputs } from "@/server/api/root";
import { nodeKey, type ColumnEntry, type Loaded, type NodePath, type TableEntry, type TreeData } from "./tree-rows";

type Metadata = RouterOutputs["sql"]["metadata"];
type Item = string | TableEntry | ColumnEntry;

const FIVE_MINUTES = 5 * 60_000;
const ROOT: NodePath = [];

// Only the given levels, like use-engine-metadata's inputs, so both share the cached answers.
function metadataInput(engineId: string, path: NodePath): { engineId: string; catalog?: string; schema?: string; table?: string } {
  const [catalog, schema, table] = path;
  if (table !== undefined) return { engineId, catalog, schema, table };
  if (schema !== undefined) return { engineId, catalog, schema };
  if (catalog !== undefined) return { engineId, catalog };
  return { engineId };
}

function itemsOf(data: Metadata): readonly Item[] {
  // One of the four is set, by the level asked for.
  return data.catalogs ?? data.schemas ?? data.tables ?? data.columns ?? [];
}

// Module-level, so TanStack Query re-runs it only when a result changed and shares the structure
// of what it returns: the rows below are rebuilt only when something loaded.
function toLoadedList(results: readonly { data?: Metadata; error: unknown }[]): Loaded<Item>[] {
  return results.map((r): Loaded<Item> => {
    // Data that failed to refresh is still worth showing.
    if (r.data) return { status: "ready", items: itemsOf(r.data) };
    if (r.error) return { status: "error", message: errorMessage(r.error) };
    return { status: "loading" };
  });
}

/** `requested`: the paths of the nodes ever expanded (collapsing keeps their data at hand). */
export function useSchemaData(engineId: string, requested: readonly NodePath[]) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const paths = useMemo(() => [ROOT, ...requested], [requested]);
  const loaded = useQueries({
    queries: paths.map((path) => ({ ...trpc.sql.metadata.queryOptions(metadataInput(engineId, path)), staleTime: FIVE_MINUTES })),
    combine: toLoadedList,
  });

  const data = useMemo((): TreeData => {
    const schemas = new Map<string, Loaded<string>>();
    const tables = new Map<string, Loaded<TableEntry>>();
    const columns = new Map<string, Loaded<ColumnEntry>>();
    paths.forEach((path, i) => {
      const entry = loaded[i];
      if (!entry) return;
      // The path's length says which level the procedure answered with.
      if (path.length === 1) schemas.set(nodeKey(path), entry as Loaded<string>);
      else if (path.length === 2) tables.set(nodeKey(path), entry as Loaded<TableEntry>);
      else if (path.length === 3) columns.set(nodeKey(path), entry as Loaded<ColumnEntry>);
    });
    return { catalogs: (loaded[0] ?? { status: "loading" }) as Loaded<string>, schemas, tables, columns };
  }, [paths, loaded]);

  /** Asks again for one level that failed. */
  const retry = useCallback(
    (path: NodePath) => void queryClient.refetchQueries({ queryKey: trpc.sql.metadata.queryKey(metadataInput(engineId, path)), exact: true }),
    [queryClient, trpc, engineId],
  );

  return { data, retry };
}

/** Forgets an engine's cached metadata (after CREATE or DROP), autocomplete's too. */
export function useMetadataRefresh(engineId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries(trpc.sql.metadata.queryFilter({ engineId }));
    void queryClient.invalidateQueries(trpc.sql.autocomplete.queryFilter({ engineId }));
  }, [queryClient, trpc, engineId]);
  const refreshing = useIsFetching(trpc.sql.metadata.queryFilter({ engineId })) > 0;
  return { refresh, refreshing };
}

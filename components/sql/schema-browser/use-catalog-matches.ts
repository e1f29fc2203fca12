"use client";
// The schema browser's filter searches the whole catalog, not only the nodes already loaded: once
// typing pauses, catalog.search (the portal's dataset search: names, columns, descriptions,
// tags) is asked, and its hits for this engine are opened in the tree. The catalog holds what the
// crawler saw, so a table created a minute ago shows once it is crawled (or its schema opened).
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { catalogReveal } from "./catalog-matches";
import type { NodePath } from "./tree-rows";

const SEARCH_HITS = 50;
const NONE: readonly NodePath[] = [];
const NO_TABLES: ReadonlySet<string> = new Set();

export function useCatalogMatches(engineId: string | null, filter: string) {
  const trpc = useTRPC();
  const q = useDebouncedValue(filter.trim(), 250);
  const enabled = !!engineId && q.length >= 2 && q === filter.trim();
  const search = useQuery({ ...trpc.catalog.search.queryOptions({ q, pageSize: SEARCH_HITS }), enabled, staleTime: 60_000 });
  const hits = enabled ? search.data?.hits : undefined;
  const found = useMemo(() => (hits && engineId ? catalogReveal(hits, engineId) : null), [hits, engineId]);

  let status: string | null = null;
  if (filter.trim().length >= 2) {
    if (!enabled || search.isFetching) status = "Searching the whole catalog…";
    else if (search.error) status = `The catalog could not be searched: ${errorMessage(search.error)}. Only loaded tables are filtered.`;
    else if (found)
      status = found.tables.size
        ? `${found.tables.size} table${found.tables.size === 1 ? "" : "s"} found in the catalog.`
        : "Nothing found in the catalog; loaded tables are filtered.";
  }
  return { reveal: found?.expand ?? NONE, tables: found?.tables ?? NO_TABLES, status };
}

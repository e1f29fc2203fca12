// Addresses of catalog pages. Names can hold any character, so each part is URL-encoded.
import type { SearchFilters } from "@/server/catalog/search";

export type DatasetAddress = { engineId: string; catalog: string; schema: string; name: string };

const part = encodeURIComponent;

export const enginePath = (engineId: string) => `/catalog/${part(engineId)}`;
export const catalogPath = (engineId: string, catalog: string) => `${enginePath(engineId)}/${part(catalog)}`;
export const schemaPath = (engineId: string, catalog: string, schema: string) => `${catalogPath(engineId, catalog)}/${part(schema)}`;
export const datasetPath = (d: DatasetAddress) => `${schemaPath(d.engineId, d.catalog, d.schema)}/${part(d.name)}`;

export const FILTER_KEYS = ["catalog", "schema", "kind", "tag", "owner"] as const satisfies readonly (keyof SearchFilters)[];

/** /catalog?q=…&schema=… — the search page, shareable. */
export function searchPath(q: string, filters: SearchFilters = {}, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/catalog?${query}` : "/catalog";
}

/** The SQL workbench with a statement filled in. */
export const workbenchPath = (sql: string) => `/sql?query=${encodeURIComponent(sql)}`;

export const SEARCH_PAGE_SIZE = 20;

/** The search page's state, read from the URL (by the page on the server and in the browser). */
export function searchStateFrom(params: { get(key: string): string | null }) {
  const filters: SearchFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as Record<string, string>)[key] = value;
  }
  if (filters.kind && filters.kind !== "TABLE" && filters.kind !== "VIEW") delete filters.kind;
  const page = Math.min(50, Math.max(1, Math.floor(Number(params.get("page"))) || 1));
  return { q: params.get("q") ?? "", filters, page };
}

/** The search input for a page state (the same object on the server and in the browser, so prefetched data is reused). */
export function searchInputFor(state: ReturnType<typeof searchStateFrom>) {
  return { q: state.q, filters: state.filters, page: state.page, pageSize: SEARCH_PAGE_SIZE };
}

// What the catalog's search found for the schema browser's filter, as tree paths to open: each
// hit's catalog and schema (so its table shows), and the table itself when the hit matched by a
// column (so the matching columns show under it). Framework-free.
import { nodeKey, type NodePath } from "./tree-rows";

export type CatalogHit = { engineId: string; catalog: string; schema: string; name: string; matchedColumns: string[] };

/** Hits of this engine only, at most `limit` of them, as the nodes to expand and the tables to show. */
export function catalogReveal(hits: readonly CatalogHit[], engineId: string, limit = 25): { expand: NodePath[]; tables: Set<string> } {
  const expand = new Map<string, NodePath>();
  const tables = new Set<string>();
  for (const hit of hits.filter((h) => h.engineId === engineId).slice(0, limit)) {
    const catalog = [hit.catalog];
    const schema = [hit.catalog, hit.schema];
    const table = [hit.catalog, hit.schema, hit.name];
    expand.set(nodeKey(catalog), catalog);
    expand.set(nodeKey(schema), schema);
    if (hit.matchedColumns.length) expand.set(nodeKey(table), table);
    tables.add(nodeKey(table));
  }
  return { expand: [...expand.values()], tables };
}

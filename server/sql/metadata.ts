// Engine metadata for the workbench's pickers and autocomplete, through the engine port (as the
// signed-in user, so Trino shows only what that user may see).
import type { z } from "zod";
import { engineRegistry, getEngine } from "../engines/registry";
import type { HandlerArgs } from "../handler";
import type { autocompleteInput, metadataInput } from "./schemas";

/** Autocomplete reads at most this many tables of a schema, so huge schemas stay fast. */
const AUTOCOMPLETE_MAX_TABLES = 200;

export function listEngines() {
  return [...engineRegistry().entries()].map(([id, { engine, defaultCatalog, defaultSchema }]) => ({
    id,
    kind: engine.kind,
    label: engine.label,
    defaultCatalog,
    defaultSchema,
  }));
}

export async function listMetadata({ ctx: { user }, input }: HandlerArgs<z.infer<typeof metadataInput>>) {
  const { engine } = getEngine(input.engineId);
  if (!input.catalog) return { catalogs: await engine.listCatalogs(user.email) };
  if (!input.schema) return { schemas: await engine.listSchemas(user.email, input.catalog) };
  if (!input.table) return { tables: await engine.listTables(user.email, input.catalog, input.schema) };
  return { columns: await engine.listColumns(user.email, input.catalog, input.schema, input.table) };
}

/** Tables of one schema with their columns, for autocomplete (bounded, so huge schemas stay fast). */
export async function autocompleteSchema({ ctx: { user }, input }: HandlerArgs<z.infer<typeof autocompleteInput>>) {
  const maxTables = AUTOCOMPLETE_MAX_TABLES;
  const { engine } = getEngine(input.engineId);
  const tables = (await engine.listTables(user.email, input.catalog, input.schema)).slice(0, maxTables);
  const withColumns = await Promise.all(
    tables.map(async (t) => ({ ...t, columns: (await engine.listColumns(user.email, input.catalog, input.schema, t.name)).map((c) => ({ name: c.name, type: c.type })) })),
  );
  return { tables: withColumns, truncated: tables.length === maxTables };
}

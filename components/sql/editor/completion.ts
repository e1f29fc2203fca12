// SQL autocomplete: keywords, functions, and the engine's catalogs, schemas, tables and columns.
// Monaco's providers are global (per language, not per editor), so exactly one is registered and
// it reads the current engine's metadata through a module-level ref that the workbench updates
// whenever the engine, catalog or schema changes.
import type { Monaco } from "./monaco-setup";
import type * as MonacoTypes from "monaco-editor/editor";
import { quoteIdentifier } from "@/lib/sql/identifiers";
import { SQL_FUNCTIONS, SQL_KEYWORDS } from "./sql-keywords";

export type CompletionTable = { name: string; type: string; columns: { name: string; type: string }[] };

export type CompletionSource = {
  catalog: string | null;
  schema: string | null;
  catalogs: string[];
  /** Schemas of the current catalog. */
  schemas: string[];
  /** Tables (with columns) of the current schema. */
  tables: CompletionTable[];
  /** Tables of another schema (`other_schema.` typed), loaded on demand. */
  loadTables: (catalog: string, schema: string) => Promise<CompletionTable[]>;
  /** Schemas of another catalog (`other_catalog.` typed). */
  loadSchemas: (catalog: string) => Promise<string[]>;
};

export const completionSource: { current: CompletionSource | null } = { current: null };

let registered = false;

export function registerSqlCompletion(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider("sql", {
    triggerCharacters: ["."],
    async provideCompletionItems(model, position) {
      const source = completionSource.current;
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getValueInRange(new monaco.Range(position.lineNumber, 1, position.lineNumber, word.startColumn));
      const qualifier = qualifierBefore(before);
      const Kind = monaco.languages.CompletionItemKind;
      const item = (label: string, kind: MonacoTypes.languages.CompletionItemKind, detail?: string, sortText?: string): MonacoTypes.languages.CompletionItem => ({
        label,
        kind,
        detail,
        insertText: quoteIdentifier(label),
        range,
        sortText,
      });

      if (!source) return { suggestions: [] };
      if (qualifier.length > 0) {
        const suggestions = await qualifiedSuggestions(source, qualifier, model.getValue());
        return {
          suggestions: [
            ...suggestions.tables.map((t) => item(t.name, t.type === "VIEW" ? Kind.Interface : Kind.Struct, t.type.toLowerCase(), `1${t.name}`)),
            ...suggestions.columns.map((c) => item(c.name, Kind.Field, c.type, `0${c.name}`)),
            ...suggestions.schemas.map((s) => item(s, Kind.Module, "schema", `2${s}`)),
          ],
        };
      }

      const referenced = await referencedTables(source, model.getValue());
      const columnTables = referenced.length ? referenced : source.tables;
      const seenColumns = new Set<string>();
      const columns: MonacoTypes.languages.CompletionItem[] = [];
      for (const table of columnTables) {
        for (const column of table.columns) {
          if (seenColumns.has(column.name)) continue;
          seenColumns.add(column.name);
          columns.push(item(column.name, Kind.Field, `${table.name} · ${column.type}`, `0${column.name}`));
        }
      }
      return {
        suggestions: [
          ...columns,
          ...source.tables.map((t) => item(t.name, t.type === "VIEW" ? Kind.Interface : Kind.Struct, `${source.schema ?? ""} ${t.type.toLowerCase()}`.trim(), `1${t.name}`)),
          ...source.schemas.map((s) => item(s, Kind.Module, "schema", `2${s}`)),
          ...source.catalogs.map((c) => item(c, Kind.Folder, "catalog", `3${c}`)),
          ...SQL_KEYWORDS.map((k) => ({ ...item(k, Kind.Keyword, undefined, `4${k}`), insertText: k })),
          ...SQL_FUNCTIONS.map((f) => ({
            ...item(f, Kind.Function, "function", `5${f}`),
            insertText: `${f}($0)`,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          })),
        ],
      };
    },
  });
}

/** `a.b.` before the cursor → ["a", "b"]; nothing qualified → []. */
export function qualifierBefore(textBeforeWord: string): string[] {
  const match = /((?:(?:"[^"]+"|[\w$]+)\.)+)$/.exec(textBeforeWord);
  if (!match) return [];
  return match[1]!
    .split(".")
    .filter(Boolean)
    .map((part) => part.replace(/^"|"$/g, ""));
}

/**
 * Tables named after FROM/JOIN, by alias and by name, as their name parts:
 * `from staging.flights f` → { f: ["staging", "flights"], flights: ["staging", "flights"] }.
 */
export function tableAliases(sql: string): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  const notAlias = new Set([
    "where",
    "join",
    "on",
    "group",
    "order",
    "limit",
    "left",
    "right",
    "inner",
    "full",
    "cross",
    "union",
    "having",
    "using",
    "natural",
    "qualify",
    "window",
  ]);
  const pattern = /\b(?:from|join)\s+((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))*)(?:\s+(?:as\s+)?([\w$]+))?/gi;
  for (const match of sql.matchAll(pattern)) {
    const parts = match[1]!.split(".").map((p) => p.replace(/^"|"$/g, ""));
    aliases.set(parts.at(-1)!.toLowerCase(), parts);
    const alias = match[2];
    if (alias && !notAlias.has(alias.toLowerCase())) aliases.set(alias.toLowerCase(), parts);
  }
  return aliases;
}

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** The table a name (as parts: table, schema.table or catalog.schema.table) refers to, loading other schemas' metadata on demand. */
async function resolveTable(source: CompletionSource, parts: string[]): Promise<CompletionTable | undefined> {
  const name = parts.at(-1)!;
  if (parts.length === 1) return source.tables.find((t) => same(t.name, name));
  const schema = parts.at(-2)!;
  const catalog = parts.length >= 3 ? parts.at(-3)! : source.catalog;
  if (!catalog) return undefined;
  const tables = same(catalog, source.catalog ?? "") && same(schema, source.schema ?? "") ? source.tables : await source.loadTables(catalog, schema);
  return tables.find((t) => same(t.name, name));
}

/** Tables the statement reads from (for unqualified column names). */
async function referencedTables(source: CompletionSource, sql: string): Promise<CompletionTable[]> {
  const seen = new Set<string>();
  const tables: CompletionTable[] = [];
  for (const parts of tableAliases(sql).values()) {
    const key = parts.join(".").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const table = await resolveTable(source, parts).catch(() => undefined);
    if (table) tables.push(table);
  }
  return tables;
}

export async function qualifiedSuggestions(source: CompletionSource, qualifier: string[], sql: string) {
  const none = { tables: [] as CompletionTable[], columns: [] as { name: string; type: string }[], schemas: [] as string[] };
  const last = qualifier.at(-1)!;
  try {
    if (qualifier.length === 1) {
      // alias or table → its columns
      const table = await resolveTable(source, tableAliases(sql).get(last.toLowerCase()) ?? [last]);
      if (table) return { ...none, columns: table.columns };
      // schema of the current catalog → its tables
      if (source.catalog && source.schemas.some((s) => same(s, last))) {
        return { ...none, tables: same(source.schema, last) ? source.tables : await source.loadTables(source.catalog, last) };
      }
      // catalog → its schemas
      if (source.catalogs.some((c) => same(c, last))) {
        return { ...none, schemas: same(source.catalog, last) ? source.schemas : await source.loadSchemas(last) };
      }
      return none;
    }
    if (qualifier.length === 2) {
      const [first, second] = qualifier as [string, string];
      // catalog.schema → tables
      if (source.catalogs.some((c) => same(c, first))) return { ...none, tables: await source.loadTables(first, second) };
      // schema.table → columns
      return { ...none, columns: (await resolveTable(source, qualifier))?.columns ?? [] };
    }
    return { ...none, columns: (await resolveTable(source, qualifier.slice(-3)))?.columns ?? [] };
  } catch {
    // Metadata unavailable (no permission, engine down): no suggestions rather than an error popup.
  }
  return none;
}

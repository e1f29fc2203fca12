// SQL autocomplete that knows the clause: tables (and CTEs, schemas, catalogs) after FROM/JOIN,
// the columns of the tables in scope after SELECT/WHERE/ON/GROUP BY/ORDER BY (by alias too:
// `o.` lists the columns of `orders o`), keywords after a complete expression. sql-scope.ts reads
// the statement under the cursor; this file turns that into suggestions from the metadata.
// Monaco's providers are global (per language, not per editor), so exactly one is registered and
// it reads the current engine's metadata through a module-level ref that the workbench updates
// whenever the engine, catalog or schema changes.
import type { Monaco } from "./monaco-setup";
import type * as MonacoTypes from "monaco-editor/editor";
import { quoteIdentifier } from "@/lib/sql/identifiers";
import { SQL_FUNCTIONS, SQL_KEYWORDS } from "./sql-keywords";
import { analyzeScope, type Relation, type ScopeAnalysis } from "./sql-scope";

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

/** What the editor offers at one position, framework-free (the provider below turns it into Monaco's items). */
export type Suggestion = {
  label: string;
  kind: "column" | "table" | "view" | "cte" | "alias" | "schema" | "catalog" | "keyword" | "function";
  detail?: string;
};

export function registerSqlCompletion(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  const Kind = monaco.languages.CompletionItemKind;
  const kinds: Record<Suggestion["kind"], MonacoTypes.languages.CompletionItemKind> = {
    column: Kind.Field,
    table: Kind.Struct,
    view: Kind.Interface,
    cte: Kind.Reference,
    alias: Kind.Variable,
    schema: Kind.Module,
    catalog: Kind.Folder,
    keyword: Kind.Keyword,
    function: Kind.Function,
  };
  monaco.languages.registerCompletionItemProvider("sql", {
    // A space pops the list up only where a table is expected (`FROM `); elsewhere it would
    // interrupt every expression.
    triggerCharacters: [".", " "],
    async provideCompletionItems(model, position, context) {
      const source = completionSource.current;
      if (!source) return { suggestions: [] };
      const offset = model.getOffsetAt(position);
      const sql = model.getValue();
      const analysis = analyzeScope(sql, offset);
      if (context.triggerCharacter === " " && analysis.context.kind !== "table") return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const suggestions = await suggestionsFor(source, analysis);
      return {
        suggestions: suggestions.map((s, i): MonacoTypes.languages.CompletionItem => {
          const base = { label: s.label, kind: kinds[s.kind], detail: s.detail, range, sortText: String(i).padStart(5, "0") };
          if (s.kind === "keyword") return { ...base, insertText: s.label };
          if (s.kind === "function") return { ...base, insertText: `${s.label}($0)`, insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet };
          return { ...base, insertText: quoteIdentifier(s.label) };
        }),
      };
    },
  });
}

/** The suggestions for a cursor position as read by analyzeScope, best first. */
export async function suggestionsAt(source: CompletionSource, sql: string, offset: number): Promise<Suggestion[]> {
  return suggestionsFor(source, analyzeScope(sql, offset));
}

async function suggestionsFor(source: CompletionSource, analysis: ScopeAnalysis): Promise<Suggestion[]> {
  const { context } = analysis;
  const keywords = SQL_KEYWORDS.map((k): Suggestion => ({ label: k, kind: "keyword" }));
  const functions = SQL_FUNCTIONS.map((f): Suggestion => ({ label: f, kind: "function", detail: "function" }));
  const tableItem = (t: CompletionTable, schema: string | null): Suggestion => ({
    label: t.name,
    kind: t.type === "VIEW" ? "view" : "table",
    detail: `${schema ?? ""} ${t.type.toLowerCase()}`.trim(),
  });
  try {
    switch (context.kind) {
      case "none":
        return [];
      case "keyword":
        return keywords;
      case "table": {
        if (context.qualifier.length) {
          const found = await qualifiedSuggestions(source, context.qualifier);
          return [...found.tables.map((t) => tableItem(t, context.qualifier.at(-1)!)), ...found.schemas.map((s): Suggestion => ({ label: s, kind: "schema", detail: "schema" }))];
        }
        return [
          ...analysis.ctes.map((c): Suggestion => ({ label: c.name, kind: "cte", detail: "WITH query" })),
          ...source.tables.map((t) => tableItem(t, source.schema)),
          ...source.schemas.map((s): Suggestion => ({ label: s, kind: "schema", detail: "schema" })),
          ...source.catalogs.map((c): Suggestion => ({ label: c, kind: "catalog", detail: "catalog" })),
        ];
      }
      case "column": {
        if (context.qualifier.length) {
          const ref = context.qualifier.length === 1 ? analysis.scope.find((r) => same(r.name, context.qualifier[0]!)) : undefined;
          if (ref) return (await relationColumns(source, analysis, ref.relation)).map((c) => columnItem(c, ref.name));
          // Not an alias in scope: schema.table. → its columns, schema. → its tables.
          const found = await qualifiedSuggestions(source, context.qualifier);
          return [...found.columns.map((c) => columnItem(c, context.qualifier.at(-1)!)), ...found.tables.map((t) => tableItem(t, context.qualifier.at(-1)!))];
        }
        const columns: Suggestion[] = [];
        const seen = new Set<string>();
        for (const ref of analysis.scope) {
          for (const column of await relationColumns(source, analysis, ref.relation)) {
            const key = column.name.toLowerCase();
            if (seen.has(key)) continue;
            seen.add(key);
            columns.push(columnItem(column, ref.name));
          }
        }
        const aliases = analysis.scope.map((r): Suggestion => ({ label: r.name, kind: "alias", detail: r.relation.kind === "table" ? r.relation.parts.join(".") : "subquery" }));
        // No FROM yet (`SELECT |`): the tables, so `t.` can follow.
        const tables = analysis.scope.length ? [] : source.tables.map((t) => tableItem(t, source.schema));
        return [...columns, ...aliases, ...tables, ...functions, ...keywords];
      }
    }
  } catch {
    // Metadata unavailable (no permission, engine down): no suggestions rather than an error popup.
    return [];
  }
}

function columnItem(column: { name: string; type: string }, from: string): Suggestion {
  return { label: column.name, kind: "column", detail: column.type ? `${from} · ${column.type}` : from };
}

/**
 * The columns a relation has: a table's from the engine's metadata; a subquery's or CTE's from
 * its column list or select list (`*` and `t.*` expanded through its own FROM).
 */
async function relationColumns(source: CompletionSource, analysis: ScopeAnalysis, relation: Relation, depth = 0): Promise<{ name: string; type: string }[]> {
  if (relation.kind === "table") return (await resolveTable(source, relation.parts).catch(() => undefined))?.columns ?? [];
  if (relation.explicitColumns) return relation.explicitColumns.map((name) => ({ name, type: "" }));
  const query = analysis.queries.get(relation.frame);
  // A CTE that names itself (WITH RECURSIVE) or a deep nest: stop rather than loop.
  if (!query || depth > 5) return [];
  const columns: { name: string; type: string }[] = [];
  for (const item of query.items) {
    if (item.kind === "name") {
      columns.push({ name: item.name, type: "" });
      continue;
    }
    const refs = item.qualifier === null ? query.refs : query.refs.filter((r) => same(r.name, item.qualifier!));
    for (const ref of refs) columns.push(...(await relationColumns(source, analysis, ref.relation, depth + 1)));
  }
  return columns;
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

/** What `a.` or `a.b.` names when it is not an alias in scope: a table (its columns), a schema (its tables) or a catalog (its schemas). */
export async function qualifiedSuggestions(source: CompletionSource, qualifier: string[]) {
  const none = { tables: [] as CompletionTable[], columns: [] as { name: string; type: string }[], schemas: [] as string[] };
  const last = qualifier.at(-1)!;
  try {
    if (qualifier.length === 1) {
      // table of the current schema → its columns
      const table = await resolveTable(source, [last]);
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

// SQL-derived lineage: from one successful statement that writes (CREATE TABLE AS, INSERT …
// SELECT, CREATE [OR REPLACE] VIEW, MERGE, COPY) its input and output datasets, named as
// OpenLineage names them (server/lineage/catalog-link.ts), and its column lineage where it can
// be derived for certain. Parsers per engine (README here says why):
// - DuckDB: DuckDB's own parser (json_serialize_sql) for the query, the sandbox's tokenizer for
//   the statement's head (duckdb-statement.ts);
// - Trino: node-sql-parser in Trino's dialect, the one loader in server/sql/parser.ts (trino-ast.ts).
// Tables are qualified with the run's catalog and schema and looked up in the engine (their
// columns, and their names as the engine spells them); column lineage that cannot be derived
// for certain is left out, and the datasets stay.
import path from "node:path";
import type { Cte, Expr, Query, Source, TableName, WriteStatement } from "./query-model";
import { resolveQuery, Unresolvable, type FieldDependency } from "./resolve";
import { duckDbWriteStatement } from "./duckdb-statement";
import { trinoWriteStatement } from "./trino-ast";

export type SqlEngineKind = "duckdb" | "trino";
export type TableColumns = { name: string; type: string }[];
/** The table the engine has under this name (its spelling and columns), or null when it has none. */
export type TableLookup = (name: [string, string, string]) => Promise<{ name: [string, string, string]; columns: TableColumns } | null>;

export type DeriveInput = {
  sql: string;
  engine: SqlEngineKind;
  /** The dataset namespace of the engine's tables: `duckdb://portal`, `trino://host:port`. */
  namespace: string;
  /** The run's session catalog and schema, which unqualified names resolve against. */
  catalog: string | null;
  schema: string | null;
  lookup: TableLookup;
};

export type DerivedDataset = { namespace: string; name: string; fields: TableColumns | null };
export type ColumnLineage = {
  fields: Record<string, { namespace: string; name: string; field: string; transformations: { type: string; subtype: string }[] }[]>;
  dataset: { namespace: string; name: string; field: string; transformations: { type: string; subtype: string }[] }[];
};
export type DerivedLineage = {
  verb: WriteStatement["verb"];
  inputs: DerivedDataset[];
  output: DerivedDataset;
  /** Null when it could not be derived for certain; `columnLineageGap` says why. */
  columnLineage: ColumnLineage | null;
  columnLineageGap: string | null;
};

/** The lineage of a writing statement, or null when it writes nothing lineage names. */
export async function deriveLineage(input: DeriveInput): Promise<DerivedLineage | null> {
  const statement = input.engine === "duckdb" ? await duckDbWriteStatement(input.sql) : trinoWriteStatement(input.sql);
  if (!statement) return null;

  const qualify = (name: TableName): string[] => {
    const defaults = [input.catalog, input.schema];
    const parts = [...defaults.slice(0, Math.max(0, 3 - name.length)), ...name];
    if (parts.some((p) => !p)) return name; // no session default to complete it: as written
    return input.engine === "trino" ? parts.map((p) => p!.toLowerCase()) : (parts as string[]);
  };
  const seen = collectNames(statement);
  const tables = new Map<string, { name: string[]; columns: TableColumns | null }>();
  for (const written of [...seen.tables, ...(statement.target ? [statement.target] : [])]) {
    const qualified = qualify(written);
    const k = qualified.join(".");
    if (tables.has(k)) continue;
    const found = qualified.length === 3 ? await input.lookup(qualified as [string, string, string]).catch(() => null) : null;
    tables.set(k, found ? { name: found.name, columns: found.columns } : { name: qualified, columns: null });
  }
  const tableOf = (written: TableName) => tables.get(qualify(written).join("."))!;
  const tableDataset = (written: TableName): DerivedDataset => {
    const t = tableOf(written);
    return { namespace: input.namespace, name: t.name.join("."), fields: t.columns };
  };
  const fileDataset = (file: string): DerivedDataset => ({ ...fileName(file), fields: null });
  const keyOf = (d: { namespace: string; name: string }) => `${d.namespace}\u0001${d.name}`;

  const datasets = new Map<string, DerivedDataset>();
  for (const t of seen.tables) datasets.set(keyOf(tableDataset(t)), tableDataset(t));
  for (const f of [...seen.files, ...statement.filesRead]) datasets.set(keyOf(fileDataset(f)), fileDataset(f));
  const output = statement.target ? tableDataset(statement.target) : fileDataset(statement.filesWritten[0]!);

  let columnLineage: ColumnLineage | null = null;
  let columnLineageGap: string | null = statement.query ? null : `${statement.verb} is recorded at the dataset level`;
  if (statement.query) {
    try {
      const lineage = resolveQuery(statement.query, {
        tableKey: (name) => keyOf(tableDataset(name)),
        fileKey: (file) => keyOf(fileDataset(file)),
        columnsOf: (key) => {
          for (const t of tables.values()) if (keyOf({ namespace: input.namespace, name: t.name.join(".") }) === key) return t.columns?.map((c) => c.name) ?? null;
          return null;
        },
      });
      const names = outputNames(
        statement,
        lineage.columns.map((c) => c.name),
        output.fields,
      );
      const ref = (d: FieldDependency) => {
        const dataset = datasets.get(d.datasetKey);
        if (!dataset) throw new Unresolvable("a column of a dataset the statement does not read");
        return { namespace: dataset.namespace, name: dataset.name, field: d.field, transformations: [d.transformation] };
      };
      const fields: ColumnLineage["fields"] = {};
      lineage.columns.forEach((c, i) => {
        const name = names[i];
        if (!name) return;
        const refs = merge(c.inputs.map(ref));
        if (refs.length) fields[name] = refs;
      });
      columnLineage = { fields, dataset: merge(lineage.dataset.map(ref)) };
    } catch (err) {
      if (!(err instanceof Unresolvable)) throw err;
      columnLineageGap = err.why;
    }
  }
  return { verb: statement.verb, inputs: [...datasets.values()], output, columnLineage, columnLineageGap };
}

/** One entry per input field, with all its transformations. */
function merge(refs: { namespace: string; name: string; field: string; transformations: { type: string; subtype: string }[] }[]) {
  const byField = new Map<string, (typeof refs)[number]>();
  for (const r of refs) {
    const k = `${r.namespace}\u0001${r.name}\u0001${r.field}`;
    const existing = byField.get(k);
    if (existing) existing.transformations.push(...r.transformations);
    else byField.set(k, { ...r, transformations: [...r.transformations] });
  }
  return [...byField.values()];
}

/** Which output column each query column becomes. */
function outputNames(statement: WriteStatement, derived: (string | null)[], target: TableColumns | null): (string | null)[] {
  const targetNames = target?.map((c) => c.name) ?? null;
  if (statement.verb === "INSERT") {
    if (statement.byName) return derived;
    const names = statement.targetColumns.length ? statement.targetColumns : targetNames;
    if (!names || names.length !== derived.length) throw new Unresolvable("the inserted columns do not line up with the table's");
    return names;
  }
  const names = statement.targetColumns.length ? statement.targetColumns : derived;
  if (targetNames) {
    // The engine's own names for what it created (an unaliased expression gets a generated name).
    if (targetNames.length !== names.length) throw new Unresolvable("the created table's columns do not line up with the query's");
    return targetNames;
  }
  return names;
}

/** A file in the lake, as catalog-link.ts names it: namespace `file`, its absolute path. */
function fileName(file: string): { namespace: string; name: string } {
  if (/^s3[an]?:\/\//i.test(file)) {
    const url = new URL(file.replace(/^s3[an]?:/i, "s3:"));
    return { namespace: `s3://${url.hostname}`, name: url.pathname.replace(/^\/+/, "") };
  }
  // A relative path is relative to the working directory, as DuckDB resolves it.
  const plain = file.replace(/^file:\/\//, "");
  return { namespace: "file", name: path.isAbsolute(plain) ? path.normalize(plain) : path.resolve(plain) };
}

/** Every table and file the statement reads, outside CTE names. */
function collectNames(statement: WriteStatement): { tables: TableName[]; files: string[] } {
  const tables: TableName[] = [...statement.tablesRead];
  const files: string[] = [];
  const visitQuery = (q: Query, ctes: Set<string>) => {
    if (q.kind === "unknown") return;
    const inner = new Set([...ctes, ...q.ctes.map((c: Cte) => c.name.toLowerCase())]);
    for (const c of q.ctes) visitQuery(c.query, inner);
    if (q.kind === "setop") {
      visitQuery(q.left, inner);
      visitQuery(q.right, inner);
      q.orderBy.forEach((e) => visitExpr(e, inner));
      return;
    }
    if (q.from) visitSource(q.from, inner);
    for (const e of [...q.items.map((i) => i.expr), q.where, q.having, q.qualify, ...q.groupBy, ...q.orderBy]) if (e) visitExpr(e, inner);
  };
  const visitSource = (s: Source, ctes: Set<string>) => {
    if (s.kind === "table" && !(s.name.length === 1 && ctes.has(s.name[0]!.toLowerCase()))) tables.push(s.name);
    else if (s.kind === "subquery") visitQuery(s.query, ctes);
    else if (s.kind === "join") {
      visitSource(s.left, ctes);
      visitSource(s.right, ctes);
      if (s.condition) visitExpr(s.condition, ctes);
    } else if (s.kind === "function") files.push(...(s.files ?? []));
  };
  const visitExpr = (e: Expr, ctes: Set<string>) => {
    if (e.kind === "subquery") {
      visitQuery(e.query, ctes);
      if (e.operand) visitExpr(e.operand, ctes);
    } else if (e.kind === "op") e.args.forEach((a) => visitExpr(a, ctes));
    else if (e.kind === "case") [...e.conditions, ...e.results].forEach((a) => visitExpr(a, ctes));
    else if (e.kind === "call") {
      [...e.args, ...(e.filter ? [e.filter] : []), ...(e.window ? [...e.window.partition, ...e.window.order] : [])].forEach((a) => visitExpr(a, ctes));
    }
  };
  if (statement.query) visitQuery(statement.query, new Set());
  for (const q of statement.otherQueries) visitQuery(q, new Set());
  return { tables, files };
}

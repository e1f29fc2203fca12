// The engine-neutral shape of a query that column lineage is derived from. Each engine's parser
// output is translated into it (duckdb-tree.ts from DuckDB's json_serialize_sql, trino-ast.ts
// from node-sql-parser), and resolve.ts derives lineage from it once for both. Anything a
// translator does not understand becomes `unknown`, which makes the whole statement fall back
// to dataset-level lineage: a missing column edge is acceptable, a wrong one is not.

/** A table as written: one to three parts (catalog, schema, table). */
export type TableName = string[];

export type Expr =
  | { kind: "column"; qualifier: string | null; name: string }
  /** `*` or `t.*`; `except`: EXCLUDE/EXCEPT names. */
  | { kind: "star"; qualifier: string | null; except: string[] }
  | { kind: "constant" }
  /** `ORDER BY 1`, `GROUP BY 2`: a 1-based position in the select list. */
  | { kind: "position"; index: number }
  /** A function call. `aggregate`: the function is an aggregate (sum, count, …). */
  | { kind: "call"; name: string; aggregate: boolean; args: Expr[]; filter: Expr | null; window: { partition: Expr[]; order: Expr[] } | null }
  /** Operators, casts, comparisons: every operand flows into the value. */
  | { kind: "op"; args: Expr[] }
  /** CASE: conditions decide (INDIRECT CONDITIONAL), results flow (DIRECT). */
  | { kind: "case"; conditions: Expr[]; results: Expr[] }
  /** A scalar or EXISTS/IN subquery (it may refer to the outer query's columns). */
  | { kind: "subquery"; query: Query; operand: Expr | null }
  | { kind: "unknown"; why: string };

export type SelectItem = { expr: Expr; alias: string | null };

export type Source =
  | { kind: "table"; name: TableName; alias: string | null; columnAliases: string[] }
  | { kind: "subquery"; query: Query; alias: string | null; columnAliases: string[] }
  | { kind: "join"; left: Source; right: Source; condition: Expr | null; using: string[]; natural: boolean }
  /** A table function; `files`: literal paths when it reads files (read_parquet('…')). */
  | { kind: "function"; name: string; files: string[] | null; alias: string | null; args: Expr[] }
  /** VALUES lists: constants only. */
  | { kind: "values"; width: number | null; alias: string | null; columnAliases: string[] }
  | { kind: "unknown"; why: string };

export type Cte = { name: string; columnAliases: string[]; query: Query };

export type Query =
  | {
      kind: "select";
      ctes: Cte[];
      distinct: boolean;
      items: SelectItem[];
      from: Source | null;
      where: Expr | null;
      groupBy: Expr[];
      /** GROUP BY ALL: every item without an aggregate is a key. */
      groupByAll: boolean;
      having: Expr | null;
      qualify: Expr | null;
      orderBy: Expr[];
    }
  | { kind: "setop"; ctes: Cte[]; left: Query; right: Query; orderBy: Expr[] }
  | { kind: "unknown"; why: string };

/** What a writing statement does, before names are qualified. */
export type WriteStatement = {
  verb: "CREATE TABLE AS" | "CREATE VIEW" | "INSERT" | "MERGE" | "COPY TO" | "COPY FROM";
  /** The table written, or null when a file is (COPY … TO). */
  target: TableName | null;
  /** Columns named by INSERT INTO t (a, b) or CREATE TABLE t (a, b) AS. */
  targetColumns: string[];
  /** INSERT … BY NAME: columns match by name, not position. */
  byName: boolean;
  /** The query whose rows are written (null: MERGE and COPY FROM, which are dataset-level). */
  query: Query | null;
  /** Files read (COPY FROM) or written (COPY TO), as written in the statement. */
  filesRead: string[];
  filesWritten: string[];
  /** Tables read outside `query` (MERGE's source, COPY's table). */
  tablesRead: TableName[];
  /** Queries read outside `query` whose tables count as inputs (MERGE USING (SELECT …)). */
  otherQueries: Query[];
};

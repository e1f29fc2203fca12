// A writing DuckDB statement → what it writes and the query it writes. json_serialize_sql
// serialises SELECTs only, so the statement's head (CREATE … AS, INSERT INTO … , COPY … TO,
// MERGE INTO … USING) is read with the sandbox's DuckDB tokenizer, and the query part — cut out
// of the text at its token's position — goes to DuckDB's parser. The parser is an in-memory
// DuckDB of its own (no file, no lake, no network): parsing touches no data, and the shared
// engine's connections stay free for users' queries.
import { DuckDBInstance } from "@duckdb/node-api";
import { tokenize, keyword, type Token } from "../../engines/duckdb/sandbox/tokens";
import { queryOfTree, type DuckDbFunctions } from "./duckdb-tree";
import type { Query, TableName, WriteStatement } from "./query-model";

type Parser = { serialize(select: string): Promise<unknown | null>; functions: DuckDbFunctions };

let parser: Promise<Parser> | null = null;

/** Window-only functions DuckDB lists apart from duckdb_functions(). */
const WINDOW_FUNCTIONS = ["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "rank_dense"];

function duckDbParser(): Promise<Parser> {
  parser ??= (async () => {
    const instance = await DuckDBInstance.create(":memory:", { enable_external_access: "false", threads: "1", memory_limit: "64MB" });
    const conn = await instance.connect();
    const rows = (await conn.runAndReadAll("SELECT DISTINCT lower(function_name), function_type FROM duckdb_functions()")).getRows();
    const known = new Set<string>(WINDOW_FUNCTIONS);
    const aggregates = new Set<string>();
    const scalars = new Set<string>();
    for (const [name, type] of rows) {
      if (type === "table" || type === "table_macro" || type === "pragma") continue;
      known.add(String(name));
      if (type === "aggregate") aggregates.add(String(name));
      else scalars.add(String(name));
    }
    // A name that is both (rare) is a scalar unless it is only an aggregate.
    for (const name of scalars) aggregates.delete(name);
    let queue: Promise<unknown> = Promise.resolve();
    return {
      functions: { known, aggregates },
      // One connection, one parse at a time.
      serialize(select: string) {
        const run = queue.then(async () => {
          const reader = await conn.runAndReadAll(`SELECT json_serialize_sql('${select.replace(/'/g, "''")}')`);
          const parsed = JSON.parse(String(reader.getRows()[0]?.[0] ?? "null")) as { error?: boolean; statements?: { node?: unknown }[] } | null;
          if (!parsed || parsed.error || parsed.statements?.length !== 1) return null;
          return parsed.statements[0]!.node ?? null;
        });
        queue = run.catch(() => undefined);
        return run.catch(() => null);
      },
    };
  })();
  return parser;
}

/** The writing statement, or null when it writes nothing lineage names (plain SELECT, DDL without a query, UPDATE, DELETE). */
export async function duckDbWriteStatement(sql: string): Promise<WriteStatement | null> {
  const tokens = tokenize(sql).filter((t, i, all) => !(t.type === "punct" && t.value === ";" && i === all.length - 1));
  const head = keyword(tokens[0]);
  const p = await duckDbParser();
  const queryFrom = async (index: number, end = tokens.length): Promise<Query> => {
    const text = sql.slice(tokens[index]?.start ?? sql.length, tokens[end]?.start ?? sql.length);
    const node = await p.serialize(text);
    return node ? queryOfTree(node, p.functions) : { kind: "unknown", why: "DuckDB could not serialise the query" };
  };
  const base = { targetColumns: [], byName: false, filesRead: [], filesWritten: [], tablesRead: [], otherQueries: [] };

  if (head === "CREATE") {
    let i = 1;
    if (keyword(tokens[i]) === "OR" && keyword(tokens[i + 1]) === "REPLACE") i += 2;
    if (["TEMP", "TEMPORARY"].includes(keyword(tokens[i]) ?? "")) i++;
    const what = keyword(tokens[i]);
    if (what !== "TABLE" && what !== "VIEW") return null;
    i++;
    if (keyword(tokens[i]) === "IF" && keyword(tokens[i + 1]) === "NOT" && keyword(tokens[i + 2]) === "EXISTS") i += 3;
    const name = nameAt(tokens, i);
    if (!name) return null;
    i = name.next;
    let targetColumns: string[] = [];
    if (punct(tokens[i], "(")) {
      const cols = columnList(tokens, i);
      if (!cols) return null;
      targetColumns = cols.names;
      i = cols.next;
    }
    if (keyword(tokens[i]) !== "AS") return null;
    return { ...base, verb: what === "TABLE" ? "CREATE TABLE AS" : "CREATE VIEW", target: name.parts, targetColumns, query: await queryFrom(i + 1) };
  }

  if (head === "INSERT") {
    let i = 1;
    if (keyword(tokens[i]) === "OR" && ["REPLACE", "IGNORE"].includes(keyword(tokens[i + 1]) ?? "")) i += 2;
    if (keyword(tokens[i]) !== "INTO") return null;
    const name = nameAt(tokens, i + 1);
    if (!name) return null;
    i = name.next;
    if (keyword(tokens[i]) === "AS") i += 2;
    let byName = false;
    if (keyword(tokens[i]) === "BY" && ["NAME", "POSITION"].includes(keyword(tokens[i + 1]) ?? "")) {
      byName = keyword(tokens[i + 1]) === "NAME";
      i += 2;
    }
    let targetColumns: string[] = [];
    if (punct(tokens[i], "(") && !["SELECT", "WITH", "FROM", "VALUES"].includes(keyword(tokens[i + 1]) ?? "")) {
      const cols = columnList(tokens, i);
      if (!cols) return null;
      targetColumns = cols.names;
      i = cols.next;
    }
    if (keyword(tokens[i]) === "DEFAULT") return null; // DEFAULT VALUES reads nothing
    // The query ends where ON CONFLICT or RETURNING begins (outside parentheses).
    const end = topLevel(tokens, i, (t, n) => (keyword(t) === "ON" && keyword(n) === "CONFLICT") || keyword(t) === "RETURNING");
    return { ...base, verb: "INSERT", target: name.parts, targetColumns, byName, query: await queryFrom(i, end) };
  }

  if (head === "COPY") {
    let i = 1;
    let query: Query | null = null;
    let table: TableName | null = null;
    if (punct(tokens[i], "(")) {
      const close = matching(tokens, i);
      if (close < 0) return null;
      query = await queryFrom(i + 1, close);
      i = close + 1;
    } else {
      const name = nameAt(tokens, i);
      if (!name) return null;
      table = name.parts;
      i = name.next;
      if (punct(tokens[i], "(")) {
        const cols = columnList(tokens, i);
        if (!cols) return null;
        i = cols.next;
      }
    }
    const direction = keyword(tokens[i]);
    const file = tokens[i + 1];
    if (file?.type !== "string" || (direction !== "TO" && direction !== "FROM")) return null;
    if (direction === "TO") {
      if (!query && table)
        query = {
          kind: "select",
          ctes: [],
          distinct: false,
          items: [{ expr: { kind: "star", qualifier: null, except: [] }, alias: null }],
          from: { kind: "table", name: table, alias: null, columnAliases: [] },
          where: null,
          groupBy: [],
          groupByAll: false,
          having: null,
          qualify: null,
          orderBy: [],
        };
      return { ...base, verb: "COPY TO", target: null, query, filesWritten: [file.value] };
    }
    if (!table) return null;
    return { ...base, verb: "COPY FROM", target: table, query: null, filesRead: [file.value] };
  }

  if (head === "MERGE") {
    if (keyword(tokens[1]) !== "INTO") return null;
    const name = nameAt(tokens, 2);
    if (!name) return null;
    let i = name.next;
    if (keyword(tokens[i]) === "AS") i += 2;
    else if (tokens[i]?.type === "word" && keyword(tokens[i]) !== "USING") i++;
    if (keyword(tokens[i]) !== "USING") return null;
    i++;
    if (punct(tokens[i], "(")) {
      const close = matching(tokens, i);
      if (close < 0) return null;
      return { ...base, verb: "MERGE", target: name.parts, query: null, otherQueries: [await queryFrom(i + 1, close)] };
    }
    const source = nameAt(tokens, i);
    if (!source) return null;
    return { ...base, verb: "MERGE", target: name.parts, query: null, tablesRead: [source.parts] };
  }
  return null;
}

const punct = (t: Token | undefined, value: string) => t?.type === "punct" && t.value === value;

/** A dotted name (a, a.b, a.b.c) of bare words or quoted identifiers. */
function nameAt(tokens: Token[], start: number): { parts: string[]; next: number } | null {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    const t = tokens[i];
    if (t?.type !== "word" && t?.type !== "ident") return null;
    parts.push(t.value);
    i++;
    if (!punct(tokens[i], ".")) break;
    i++;
  }
  return parts.length <= 3 ? { parts, next: i } : null;
}

function columnList(tokens: Token[], open: number): { names: string[]; next: number } | null {
  const close = matching(tokens, open);
  if (close < 0) return null;
  const names: string[] = [];
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!;
    if ((t.type === "word" || t.type === "ident") && (punct(tokens[i - 1], "(") || punct(tokens[i - 1], ","))) names.push(t.value);
  }
  return { names, next: close + 1 };
}

function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (punct(tokens[i], "(")) depth++;
    else if (punct(tokens[i], ")") && --depth === 0) return i;
  }
  return -1;
}

function topLevel(tokens: Token[], start: number, stop: (t: Token, next: Token | undefined) => boolean): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    if (punct(tokens[i], "(")) depth++;
    else if (punct(tokens[i], ")")) depth--;
    else if (depth === 0 && stop(tokens[i]!, tokens[i + 1])) return i;
  }
  return tokens.length;
}

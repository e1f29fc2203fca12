// What kind of statement is this, on Trino? Decided by SQL parsers, never by pattern-matching the
// text: node-sql-parser in Trino's dialect, then others. Viewers may run only read-only
// statements; editors may run DDL and DML, and must confirm destructive ones (DROP, TRUNCATE,
// DELETE/UPDATE without WHERE). Trino's own access control decides the rest. The embedded DuckDB
// has a stricter judge of its own, on DuckDB's parse tree: server/engines/duckdb/sandbox/.
import { sqlParserInstance as parser } from "./parser";
import type { EngineKind } from "../engines/query-engine";

export type StatementClass = "read" | "ddl" | "dml" | "other";

export type Classification = {
  kind: StatementClass;
  /** e.g. "SELECT", "DROP TABLE", "DELETE". */
  verb: string;
  /** Why it needs an explicit confirmation, if it does. */
  destructive: string | null;
};

export class UnclassifiableStatementError extends Error {
  constructor(readonly parserMessage: string) {
    super("The portal could not parse this statement to check what it does.");
    this.name = "UnclassifiableStatementError";
  }
}

const DIALECTS: Record<EngineKind, string[]> = {
  trino: ["trino", "postgresql", "mysql"],
  duckdb: ["postgresql", "trino", "mysql"],
};

type Ast = { type?: string; keyword?: string; where?: unknown; prefix?: string; expr?: unknown };

export async function classifyStatement(sql: string, engine: EngineKind): Promise<Classification> {
  // EXPLAIN is a prefix: plain EXPLAIN only plans (read-only); EXPLAIN ANALYZE runs the statement.
  const explain = stripExplain(sql);
  if (explain) {
    const inner = await classifyStatement(explain.rest, engine);
    if (!explain.analyze) return { kind: "read", verb: "EXPLAIN", destructive: null };
    return { ...inner, verb: `EXPLAIN ANALYZE ${inner.verb}` };
  }

  let lastError = "";
  for (const database of DIALECTS[engine]) {
    try {
      const ast = parser.astify(sql, { database }) as Ast | Ast[];
      const list = Array.isArray(ast) ? ast : [ast];
      if (list.length !== 1) break; // several statements: callers reject them before this
      return fromAst(list[0]!);
    } catch (err) {
      lastError = (err as Error).message;
    }
  }
  // SHOW/DESCRIBE families are read-only by definition in Trino and DuckDB; node-sql-parser
  // lacks some of their forms (e.g. SHOW SCHEMAS FROM x), so accept them by their first token.
  const first = firstKeyword(sql);
  if (first === "SHOW" || first === "DESCRIBE" || first === "DESC") return { kind: "read", verb: first, destructive: null };
  throw new UnclassifiableStatementError(lastError);
}

function fromAst(ast: Ast): Classification {
  const type = String(ast.type ?? "").toLowerCase();
  const keyword = ast.keyword ? String(ast.keyword).toUpperCase() : "";
  switch (type) {
    case "select":
    case "show":
    case "desc":
    case "describe":
      return { kind: "read", verb: type === "select" ? "SELECT" : type.toUpperCase(), destructive: null };
    case "insert":
    case "replace":
      return { kind: "dml", verb: "INSERT", destructive: null };
    case "update":
      return { kind: "dml", verb: "UPDATE", destructive: ast.where ? null : "UPDATE without WHERE changes every row of the table" };
    case "delete":
      return { kind: "dml", verb: "DELETE", destructive: ast.where ? null : "DELETE without WHERE removes every row of the table" };
    case "drop":
      return { kind: "ddl", verb: `DROP ${keyword}`.trim(), destructive: `DROP ${keyword || "object"} removes it for good`.replace("  ", " ") };
    case "truncate":
      return { kind: "ddl", verb: "TRUNCATE", destructive: "TRUNCATE removes every row of the table" };
    case "create":
    case "alter":
    case "rename":
      return { kind: "ddl", verb: `${type.toUpperCase()} ${keyword}`.trim(), destructive: null };
    default:
      return { kind: "other", verb: type.toUpperCase() || "UNKNOWN", destructive: null };
  }
}

function stripExplain(sql: string): { analyze: boolean; rest: string } | null {
  const tokens = leadingWords(sql, 3);
  if (tokens[0]?.word !== "EXPLAIN") return null;
  const analyze = tokens[1]?.word === "ANALYZE";
  const cut = analyze ? tokens[1]!.end : tokens[0]!.end;
  return { analyze, rest: sql.slice(cut).trim() };
}

function firstKeyword(sql: string): string | undefined {
  return leadingWords(sql, 1)[0]?.word;
}

/** The first words of the statement, skipping comments (a tiny tokenizer, not a classifier). */
function leadingWords(sql: string, count: number): { word: string; end: number }[] {
  const words: { word: string; end: number }[] = [];
  let i = 0;
  while (i < sql.length && words.length < count) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) i++;
    else if (sql.startsWith("--", i)) i = sql.indexOf("\n", i) === -1 ? sql.length : sql.indexOf("\n", i) + 1;
    else if (sql.startsWith("/*", i)) i = sql.indexOf("*/", i) === -1 ? sql.length : sql.indexOf("*/", i) + 2;
    else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (j < sql.length && /[A-Za-z_]/.test(sql[j]!)) j++;
      words.push({ word: sql.slice(i, j).toUpperCase(), end: j });
      i = j;
    } else break;
  }
  return words;
}

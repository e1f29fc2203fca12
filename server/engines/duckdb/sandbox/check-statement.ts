// The sandbox's verdict on one statement, before it runs and without side effects: parsing
// (DuckDB's extractStatements and json_serialize_sql) never touches a file, and nothing is
// prepared until the verdict is yes. A SELECT is judged on DuckDB's own parse tree; any other
// statement on its tokens (statement-scan.ts). Every file it names must be in a bucket of the
// lake that the user's role may read (or, for COPY … TO, write) — the bucket browser's rules.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Role } from "../../../../lib/auth/roles";
import { StatementRefusedError } from "../../query-engine";
import { duckDbError } from "../errors";
import { tokenize, keyword, type Token } from "./tokens";
import { factsOfTree, type TreeFacts } from "./parse-tree";
import { lakePathOf, PathRefusal } from "./lake-paths";
import { scalarFunctionVerdict, tableFunctionVerdict } from "./function-policy";
import { withLakePaths, type FileName } from "./object-urls";
import { refusalByVerb, scanStatement, type StatementKind } from "./statement-scan";

export type BucketRightsOf = (bucket: string) => { read: boolean; write: boolean; visible: boolean };

export type SandboxContext = {
  role: Role;
  /** Editors and admins may change data (DDL, DML, COPY); viewers only read. */
  mayChangeData: boolean;
  bucketRights: BucketRightsOf;
  /** The lake's folder (a real path), or null when this engine has none: then no file is reachable. */
  lakeDir: string | null;
  /** Every table function and table macro name DuckDB knows. */
  tableFunctions: ReadonlySet<string>;
  /** The table macros editors made (asked only when a statement calls a table function off the allowlist: listing them costs a scan of every function). */
  userTableMacros: () => Promise<ReadonlySet<string>>;
};

const NO_MACROS: ReadonlySet<string> = new Set();

export type SandboxVerdict = {
  kind: "read" | StatementKind;
  verb: string;
  destructive: string | null;
  reads: string[];
  writes: string[];
  /** The statement to prepare and run: the one judged, with s3://bucket/key file names written as their lake paths (object-urls.ts). */
  sql: string;
};

const READ_VERBS = new Set(["SELECT", "WITH", "FROM", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC", "SUMMARIZE", "PIVOT", "UNPIVOT"]);

export async function checkStatement(conn: DuckDBConnection, sql: string, ctx: SandboxContext): Promise<SandboxVerdict> {
  if (sql.includes("\0")) throw new StatementRefusedError("The statement contains a NUL character; remove it and run it again.", "NUL in statement");
  const tokens = tokenize(sql);
  const head = keyword(tokens[0]);
  // Refused verbs are refused before DuckDB parses anything: parsing IMPORT DATABASE already
  // reads files, and PIVOT or COPY FROM DATABASE expand into statements of their own.
  const early = refusalByVerb(tokens);
  if (early) throw new StatementRefusedError(`This statement is not allowed: ${early}.`, early);
  if (head === "EXPLAIN") return checkExplain(conn, sql, tokens, ctx);

  // DuckDB's own count of statements (a text our splitter saw as one must be one for DuckDB too).
  let count: number;
  try {
    count = (await conn.extractStatements(sql)).count;
  } catch (err) {
    throw duckDbError(err, sql);
  }
  if (count !== 1) {
    throw new StatementRefusedError(
      `DuckDB reads this text as ${count} statements; run one at a time (a PIVOT needs its values listed: PIVOT … ON column IN ('a', 'b')).`,
      "several statements",
    );
  }

  const tree = await serializedTree(conn, sql);
  if (tree.ok) {
    const facts = factsOfTree(tree.value);
    const offList = facts.tableFunctions.some((fn) => !tableFunctionVerdict(fn.name).allowed);
    enforceTree(facts, ctx, offList ? await ctx.userTableMacros() : NO_MACROS);
    const verb = head && READ_VERBS.has(head) ? (head === "DESC" ? "DESCRIBE" : head) : "SELECT";
    const local = await withLocalFiles(conn, sql, facts.fileNames, ctx);
    return { kind: "read", verb, destructive: null, reads: [], writes: [], sql: local };
  }
  if (!ctx.mayChangeData) {
    const verb = scanStatement(tokens).verb || head || "this"; // e.g. "DROP TABLE", "COPY"
    throw new StatementRefusedError(
      `Viewers may run read-only statements only (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN); this is ${/^[AEIOU]/i.test(verb) ? "an" : "a"} ${verb} statement. Ask an admin for the editor role.`,
      `viewer ran ${verb}`,
    );
  }
  const scanned = scanStatement(tokens);
  if (scanned.problem) throw new StatementRefusedError(`This statement is not allowed: ${scanned.problem}.`, scanned.problem);
  const offList = scanned.calls.some((name) => ctx.tableFunctions.has(name) && !tableFunctionVerdict(name).allowed);
  const macros = offList ? await ctx.userTableMacros() : NO_MACROS;
  for (const name of scanned.calls) enforceFunctionCall(name, ctx, macros, true);
  for (const raw of scanned.reads) enforceFile(raw, "read", ctx);
  for (const raw of scanned.writes) enforceFile(raw, "write", ctx);
  const files = [...scanned.reads, ...scanned.writes].map((value) => ({ value, location: null }));
  const local = await withLocalFiles(conn, sql, files, ctx);
  return { kind: scanned.kind, verb: scanned.verb, destructive: scanned.destructive, reads: scanned.reads, writes: scanned.writes, sql: local };
}

/**
 * The approved statement as DuckDB must run it: s3:// names replaced by their lake paths, and
 * that text judged once more (it names only local files now, so this does not recurse further).
 */
async function withLocalFiles(conn: DuckDBConnection, sql: string, files: FileName[], ctx: SandboxContext): Promise<string> {
  if (!ctx.lakeDir) return sql;
  const local = withLakePaths(sql, files, ctx.lakeDir);
  if (local === sql) return sql;
  return (await checkStatement(conn, local, ctx)).sql;
}

/** EXPLAIN [ANALYZE] [(options)] <statement>: judged as the statement it explains. */
async function checkExplain(conn: DuckDBConnection, sql: string, tokens: Token[], ctx: SandboxContext): Promise<SandboxVerdict> {
  let i = 1;
  const analyze = keyword(tokens[i]) === "ANALYZE" || keyword(tokens[i]) === "ANALYSE";
  if (analyze) i++;
  if (tokens[i]?.type === "punct" && tokens[i]!.value === "(") {
    while (i < tokens.length && !(tokens[i]!.type === "punct" && tokens[i]!.value === ")")) i++;
    i++;
  }
  const inner = tokens[i];
  if (!inner) throw new StatementRefusedError("EXPLAIN needs a statement to explain.", "empty EXPLAIN");
  const verdict = await checkStatement(conn, sql.slice(inner.start), ctx);
  const explained = { ...verdict, sql: sql.slice(0, inner.start) + verdict.sql };
  if (!analyze) return { ...explained, kind: "read", verb: `EXPLAIN ${verdict.verb}`, destructive: null };
  return { ...explained, verb: `EXPLAIN ANALYZE ${verdict.verb}` };
}

async function serializedTree(conn: DuckDBConnection, sql: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  // json_serialize_sql takes a constant only, so the text goes in as a literal: in a standard
  // '…' string only the quote needs doubling (backslashes are plain characters; NUL is refused
  // before this point).
  const reader = await conn.runAndReadAll(`SELECT json_serialize_sql('${sql.replace(/'/g, "''")}')`);
  const text = String(reader.getRows()[0]?.[0] ?? "");
  const parsed = JSON.parse(text) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (parsed.error) return { ok: false, message: parsed.error_message ?? "" };
  if (parsed.statements?.length !== 1) throw new StatementRefusedError("Run one statement at a time.", "several statements");
  return { ok: true, value: parsed.statements };
}

function enforceTree(facts: TreeFacts, ctx: SandboxContext, userTableMacros: ReadonlySet<string>): void {
  for (const fn of facts.tableFunctions) {
    const name = fn.name.toLowerCase();
    if (fn.catalog && fn.catalog !== "system")
      throw new StatementRefusedError(`Table functions of other databases are not available: ${fn.catalog}.${name}().`, "foreign table function");
    if (userTableMacros.has(name)) continue; // an editor's table macro: its body was checked when it was made
    const verdict = tableFunctionVerdict(name);
    if (!verdict.allowed) throw new StatementRefusedError(`This statement is not allowed: ${verdict.reason}.`, `table function ${name}`);
    if (verdict.readsFiles) {
      if (!fn.argument) throw new StatementRefusedError(`${name}() needs a file path.`, `${name} without path`);
      if (fn.argument.paths === null) throw new StatementRefusedError(`This statement is not allowed: ${name}() — ${fn.argument.reason}.`, `${name} computed path`);
      for (const p of fn.argument.paths) enforceFile(p, "read", ctx);
    }
  }
  for (const name of facts.fileTables) enforceFile(name, "read", ctx);
  for (const name of facts.functions) enforceFunctionCall(name, ctx, userTableMacros, false);
}

function enforceFunctionCall(name: string, ctx: SandboxContext, userTableMacros: ReadonlySet<string>, fromTokens: boolean): void {
  const n = name.toLowerCase();
  // From tokens every "name(" is a candidate; only real table functions are judged as such.
  if (fromTokens && ctx.tableFunctions.has(n) && !userTableMacros.has(n)) {
    const verdict = tableFunctionVerdict(n);
    if (!verdict.allowed) throw new StatementRefusedError(`This statement is not allowed: ${verdict.reason}.`, `table function ${n}`);
  }
  const scalar = scalarFunctionVerdict(n, ctx.mayChangeData);
  if (!scalar.allowed) throw new StatementRefusedError(`This statement is not allowed: ${scalar.reason}.`, `function ${n}`);
}

function enforceFile(raw: string, mode: "read" | "write", ctx: SandboxContext): void {
  const verb = mode === "read" ? "Reading" : "Writing";
  if (!ctx.lakeDir) throw new StatementRefusedError(`${verb} files is not allowed on this engine: ${raw}`, `${mode} ${raw}`);
  let target;
  try {
    target = lakePathOf(raw, ctx.lakeDir);
  } catch (err) {
    if (err instanceof PathRefusal) throw new StatementRefusedError(err.reason, `${mode} ${err.shown}`);
    throw err;
  }
  const rights = ctx.bucketRights(target.bucket);
  if (!rights.visible) throw new StatementRefusedError(`${verb} files outside the lake's buckets is not allowed: ${raw}`, `${mode} hidden bucket ${target.bucket}`);
  if (mode === "read" && !rights.read) {
    throw new StatementRefusedError(`Your role (${ctx.role}) may not read files in bucket "${target.bucket}": ${raw}`, `read bucket ${target.bucket}`);
  }
  if (mode === "write" && !rights.write) {
    throw new StatementRefusedError(`Your role (${ctx.role}) may not write files in bucket "${target.bucket}": ${raw}`, `write bucket ${target.bucket}`);
  }
}

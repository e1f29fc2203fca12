// The small part of Trino's SQL surface the protocol test server has to emulate on top of
// DuckDB, and the translation of DuckDB errors into Trino's QueryError documents.
//
// SQL: Trino catalog.schema.table maps 1:1 onto DuckDB database.schema.table, so ordinary
// queries run unchanged. Only metadata spelled differently is rewritten:
//   SHOW CATALOGS [LIKE '…'], SHOW SCHEMAS FROM c, SHOW TABLES FROM c.s,
//   c.information_schema.{schemata,tables,columns,views} (DuckDB has one information_schema for
//   all databases; Trino one per catalog), system.metadata.table_comments.
// Trino accepts exactly one statement without a trailing semicolon; so does this emulation.
//
// Errors: DuckDB runs with `errors_as_json`, which gives the exception type, the message and
// the byte offset of the failing token; the offset becomes Trino's errorLocation (1-based line
// and column, protocol.md §3) and the message gets Trino's "line L:C: " prefix. Error codes are
// Trino's StandardErrorCode values (protocol.md §3, SEC).

export type TrinoErrorType = "USER_ERROR" | "INTERNAL_ERROR" | "INSUFFICIENT_RESOURCES" | "EXTERNAL";

export type TrinoFailureInfo = {
  type: string;
  message: string;
  cause?: TrinoFailureInfo;
  suppressed: TrinoFailureInfo[];
  stack: string[];
  errorLocation?: { lineNumber: number; columnNumber: number };
};

export type TrinoQueryError = {
  message: string;
  errorCode: number;
  errorName: string;
  errorType: TrinoErrorType;
  errorLocation?: { lineNumber: number; columnNumber: number };
  failureInfo: TrinoFailureInfo;
};

/** Trino StandardErrorCode entries used here: [code, type]. */
export const TRINO_ERROR_CODES = {
  GENERIC_USER_ERROR: [0, "USER_ERROR"],
  SYNTAX_ERROR: [1, "USER_ERROR"],
  USER_CANCELED: [3, "USER_ERROR"],
  PERMISSION_DENIED: [4, "USER_ERROR"],
  FUNCTION_NOT_FOUND: [6, "USER_ERROR"],
  INVALID_CAST_ARGUMENT: [9, "USER_ERROR"],
  ALREADY_EXISTS: [12, "USER_ERROR"],
  NOT_SUPPORTED: [13, "USER_ERROR"],
  CONSTRAINT_VIOLATION: [16, "USER_ERROR"],
  INVALID_SESSION_PROPERTY: [26, "USER_ERROR"],
  NUMERIC_VALUE_OUT_OF_RANGE: [19, "USER_ERROR"],
  ADMINISTRATIVELY_KILLED: [38, "USER_ERROR"],
  CATALOG_NOT_FOUND: [44, "USER_ERROR"],
  SCHEMA_NOT_FOUND: [45, "USER_ERROR"],
  TABLE_NOT_FOUND: [46, "USER_ERROR"],
  COLUMN_NOT_FOUND: [47, "USER_ERROR"],
  TABLE_ALREADY_EXISTS: [50, "USER_ERROR"],
  GENERIC_INTERNAL_ERROR: [65536, "INTERNAL_ERROR"],
  GENERIC_INSUFFICIENT_RESOURCES: [131072, "INSUFFICIENT_RESOURCES"],
  EXCEEDED_TIME_LIMIT: [131075, "INSUFFICIENT_RESOURCES"],
} as const satisfies Record<string, readonly [number, TrinoErrorType]>;

export type TrinoErrorName = keyof typeof TRINO_ERROR_CODES;

export type Session = { catalog: string | null; schema: string | null };

/** Build a QueryError the way Trino shapes it: "line L:C: " prefix and the location twice. */
export function trinoError(name: TrinoErrorName, text: string, location?: { line: number; column: number }, exceptionType?: string): TrinoQueryError {
  const [errorCode, errorType] = TRINO_ERROR_CODES[name];
  const errorLocation = location ? { lineNumber: location.line, columnNumber: location.column } : undefined;
  const message = location ? `line ${location.line}:${location.column}: ${text}` : text;
  return {
    message,
    errorCode,
    errorName: name,
    errorType,
    ...(errorLocation ? { errorLocation } : {}),
    failureInfo: {
      type: name === "SYNTAX_ERROR" ? "io.trino.sql.parser.ParsingException" : "io.trino.spi.TrinoException",
      message,
      suppressed: [],
      // A real coordinator sends its Java stack; this emulation names where the error came from.
      stack: [`duckdb.${exceptionType ?? "Emulation"}Exception(embedded DuckDB behind the Trino protocol test server)`],
      ...(errorLocation ? { errorLocation } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// SQL scanning helpers
// ---------------------------------------------------------------------------------------------

/** 1-based line and column of a character offset. */
export function locate(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, Math.min(offset, sql.length)));
  const lastNewline = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: before.length - lastNewline };
}

/** Offset of the first `;` outside string literals, quoted identifiers and comments, or -1. */
export function findSemicolon(sql: string): number {
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      if (end === -1) return -1;
      i = end; // a doubled quote just re-enters the literal on the next character
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      if (end === -1) return -1;
      i = end;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1) return -1;
      i = end + 1;
    } else if (c === ";") {
      return i;
    }
  }
  return -1;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replace(/""/g, '"') : identifier.toLowerCase();
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The dotted name starting at `offset` (e.g. the table DuckDB could not find), unquoted. */
function nameAt(sql: string, offset: number): string[] | null {
  const match = new RegExp(`^${IDENT}(?:\\s*\\.\\s*${IDENT})*`).exec(sql.slice(offset));
  if (!match) return null;
  return (match[0].match(new RegExp(IDENT, "g")) ?? []).map(unquote);
}

// Trino's information_schema columns, computed from DuckDB's single information_schema.
const INFORMATION_SCHEMA: Record<string, (catalog: string) => string> = {
  schemata: (c) => `(SELECT catalog_name, schema_name FROM information_schema.schemata WHERE catalog_name = ${literal(c)})`,
  tables: (c) =>
    `(SELECT table_catalog, table_schema, table_name, CASE WHEN table_type = 'VIEW' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type FROM information_schema.tables WHERE table_catalog = ${literal(c)})`,
  columns: (c) =>
    `(SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, is_nullable, lower(data_type) AS data_type, COLUMN_COMMENT AS comment FROM information_schema.columns WHERE table_catalog = ${literal(c)})`,
  views: (c) => `(SELECT table_catalog, table_schema, table_name, view_definition FROM information_schema.views WHERE table_catalog = ${literal(c)})`,
};

const TABLE_COMMENTS = `(SELECT database_name AS catalog_name, schema_name, table_name, comment FROM duckdb_tables() UNION ALL SELECT database_name, schema_name, view_name, comment FROM duckdb_views() WHERE NOT internal)`;

/**
 * Rewrites Trino metadata statements into DuckDB SQL. Returns the SQL unchanged when nothing
 * Trino-specific is used (so DuckDB's error offsets still point into what the client sent).
 */
export function toDuckDbSql(sql: string, session: Session): string {
  const text = sql.trim();
  let m: RegExpExecArray | null;
  if ((m = /^SHOW\s+CATALOGS(?:\s+LIKE\s+'((?:[^']|'')*)')?$/i.exec(text))) {
    const like = m[1] !== undefined ? ` AND database_name LIKE '${m[1]}'` : "";
    return `SELECT database_name AS "Catalog" FROM duckdb_databases() WHERE database_name <> 'temp'${like} ORDER BY 1`;
  }
  if ((m = new RegExp(`^SHOW\\s+SCHEMAS(?:\\s+(?:FROM|IN)\\s+(${IDENT}))?$`, "i").exec(text))) {
    const catalog = m[1] ? unquote(m[1]) : session.catalog;
    return `SELECT schema_name AS "Schema" FROM information_schema.schemata WHERE catalog_name = ${literal(catalog ?? "")} ORDER BY 1`;
  }
  if ((m = new RegExp(`^SHOW\\s+TABLES(?:\\s+(?:FROM|IN)\\s+(?:(${IDENT})\\s*\\.\\s*)?(${IDENT}))?$`, "i").exec(text))) {
    const catalog = m[1] ? unquote(m[1]) : session.catalog;
    const schema = m[2] ? unquote(m[2]) : session.schema;
    return `SELECT table_name AS "Table" FROM information_schema.tables WHERE table_catalog = ${literal(catalog ?? "")} AND table_schema = ${literal(schema ?? "")} ORDER BY 1`;
  }
  let out = sql.replace(
    new RegExp(`(?<![\\w".])(?:(${IDENT})\\s*\\.\\s*)?information_schema\\s*\\.\\s*(schemata|tables|columns|views)\\b`, "gi"),
    (whole, catalog: string | undefined, view: string) => {
      const c = catalog ? unquote(catalog) : session.catalog;
      const build = INFORMATION_SCHEMA[view.toLowerCase()];
      return c && build ? build(c) : whole;
    },
  );
  out = out.replace(/(?<![\w".])system\s*\.\s*metadata\s*\.\s*table_comments\b/gi, TABLE_COMMENTS);
  // Trino's sampling takes a percentage (`TABLESAMPLE BERNOULLI (5)`); DuckDB reads a bare number
  // as a row count, so the unit is spelled out. SYSTEM keeps or drops whole splits in Trino and
  // whole vectors in DuckDB. approx_distinct is DuckDB's approx_count_distinct (both HyperLogLog).
  out = out.replace(
    /\bTABLESAMPLE\s+(BERNOULLI|SYSTEM)\s*\(\s*(\d+(?:\.\d+)?)\s*\)/gi,
    (_, method: string, percent: string) => `TABLESAMPLE ${method.toLowerCase()}(${percent} PERCENT)`,
  );
  out = out.replace(/(?<![\w".])approx_distinct\s*\(/gi, "approx_count_distinct(");
  return out;
}

// ---------------------------------------------------------------------------------------------
// DuckDB error → Trino QueryError
// ---------------------------------------------------------------------------------------------

type DuckDbErrorInfo = { exception_type?: string; exception_message?: string; position?: string; error_subtype?: string; type?: string; name?: string };

function parseDuckDbError(message: string): DuckDbErrorInfo {
  const brace = message.indexOf("{");
  if (brace !== -1) {
    try {
      return JSON.parse(message.slice(brace)) as DuckDbErrorInfo;
    } catch {
      // not errors_as_json output; fall through
    }
  }
  const m = /^([\w ]+?) Error: ([\s\S]*)$/.exec(message);
  return m ? { exception_type: m[1], exception_message: m[2] } : { exception_message: message };
}

/** Maps a DuckDB failure of `sql` (as the client sent it) to Trino's QueryError. */
export function fromDuckDbError(err: unknown, sql: string, session: Session, positionsValid: boolean): TrinoQueryError {
  const info = parseDuckDbError(err instanceof Error ? err.message : String(err));
  const kind = (info.exception_type ?? "").toUpperCase();
  const text = (info.exception_message ?? "").split("\n")[0]!.replace(/!$/, "");
  // DuckDB's position is a byte offset into the UTF-8 query text.
  const offset = positionsValid && info.position !== undefined ? Buffer.from(sql, "utf8").subarray(0, Number(info.position)).toString("utf8").length : null;
  const at = offset === null ? undefined : locate(sql, offset);
  const exceptionType = info.exception_type?.replace(/\s+/g, "");

  if (kind === "PARSER") return trinoError("SYNTAX_ERROR", text, at ?? { line: 1, column: 1 }, exceptionType);
  if (kind === "INTERRUPT") return trinoError("USER_CANCELED", "Query was canceled", undefined, exceptionType);
  if (kind === "CATALOG" && info.error_subtype === "MISSING_ENTRY" && info.type === "Table") {
    const schemaMissing = /because schema "([^"]+)" does not exist/.exec(text);
    const parts = (offset !== null ? nameAt(sql, offset) : null) ?? [info.name ?? "?"];
    const qualified = [...[session.catalog, session.schema].slice(0, Math.max(0, 3 - parts.length)), ...parts].filter(Boolean).join(".");
    if (schemaMissing) return trinoError("SCHEMA_NOT_FOUND", `Schema '${qualified.split(".").slice(0, -1).join(".")}' does not exist`, at, exceptionType);
    return trinoError("TABLE_NOT_FOUND", `Table '${qualified}' does not exist`, at, exceptionType);
  }
  if (kind === "CATALOG" && info.error_subtype === "MISSING_ENTRY" && /Function/.test(info.type ?? "")) {
    return trinoError("FUNCTION_NOT_FOUND", `Function '${info.name ?? "?"}' not registered`, at, exceptionType);
  }
  let m: RegExpExecArray | null;
  if ((m = /^Catalog "([^"]+)" does not exist/.exec(text))) return trinoError("CATALOG_NOT_FOUND", `Catalog '${m[1]}' not found`, at, exceptionType);
  if ((m = /^Referenced column "([^"]+)" not found/.exec(text))) return trinoError("COLUMN_NOT_FOUND", `Column '${m[1]}' cannot be resolved`, at, exceptionType);
  if ((m = /^Table with name "?([^"]+?)"? already exists/.exec(text))) return trinoError("TABLE_ALREADY_EXISTS", `Table '${m[1]}' already exists`, at, exceptionType);
  if (kind === "CATALOG" && /already exists/.test(text)) return trinoError("ALREADY_EXISTS", text, at, exceptionType);
  if (kind === "CONVERSION") return trinoError("INVALID_CAST_ARGUMENT", text, at, exceptionType);
  if (kind === "OUT OF RANGE") return trinoError("NUMERIC_VALUE_OUT_OF_RANGE", text, at, exceptionType);
  if (kind === "CONSTRAINT") return trinoError("CONSTRAINT_VIOLATION", text, at, exceptionType);
  if (kind === "PERMISSION") return trinoError("PERMISSION_DENIED", `Access Denied: ${text}`, at, exceptionType);
  if (kind === "NOT IMPLEMENTED") return trinoError("NOT_SUPPORTED", text, at, exceptionType);
  if (kind === "OUT OF MEMORY") return trinoError("GENERIC_INSUFFICIENT_RESOURCES", text, undefined, exceptionType);
  if (["BINDER", "CATALOG", "INVALID INPUT", "DEPENDENCY", "INVALID TYPE", "MISMATCH TYPE", "SEQUENCE", "TRANSACTION", "SYNTAX", "INVALID"].includes(kind)) {
    return trinoError("GENERIC_USER_ERROR", text, at, exceptionType);
  }
  return trinoError("GENERIC_INTERNAL_ERROR", text || "internal error", undefined, exceptionType);
}

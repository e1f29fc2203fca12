// The query-engine port: one execute contract for every engine (Trino, embedded DuckDB, …).
// `execute` streams events — the engine's query id first, then columns, row pages and progress,
// then `finished` — and throws EngineQueryError on failure. Cancelling is its own call, keyed
// by the engine's query id, so any replica can cancel a query another replica started.
// Adapters must pass the shared contract suite in ./contract.ts.

import type { Role } from "../../lib/auth/roles";
import type { ColumnPage } from "../../lib/sql/column-page";
import { DomainError } from "../errors";

export type EngineKind = "duckdb" | "trino";

export type EngineColumn = { name: string; type: string };

/** Values are JSON-safe: numbers that fit a double, strings (big integers, decimals, dates, times), booleans, null, arrays and objects of these. */
export type EngineRow = unknown[];

export type EngineProgress = {
  /** Engine state, e.g. QUEUED, RUNNING, FINISHED. */
  state: string;
  processedRows: number;
  processedBytes: number;
  /** 0–100 when the engine can estimate it (Trino's progressPercentage), else null. */
  percent: number | null;
  elapsedMs: number;
};

export type ExecuteRequest = {
  sql: string;
  /** Session catalog and schema (Trino: X-Trino-Catalog/Schema; DuckDB: USE). */
  catalog?: string | null;
  schema?: string | null;
  /** Stop after this many rows and report `truncated` (null: all rows). */
  limit: number | null;
  /** Portal user the query runs as (Trino: X-Trino-User, so Trino's access control applies). */
  user: string;
  /**
   * The user's portal role. Engines without users of their own (the embedded DuckDB) enforce it
   * themselves and treat a missing role as a viewer's; Trino applies its own access control.
   */
  role?: Role;
  /** Aborting stops reading and cancels the query on the engine. */
  signal?: AbortSignal;
  /**
   * The longest the statement may run (SQL_TIME_LIMIT_SECONDS for the user's role); past it the
   * engine stops it and execute throws EngineQueryError with errorName "TIME_LIMIT". Unset: none.
   */
  timeLimitSeconds?: number;
};

export type QueryEvent =
  | { type: "started"; queryId: string }
  | { type: "columns"; columns: EngineColumn[] }
  | RowsEvent
  | { type: "progress"; progress: EngineProgress }
  | { type: "finished"; rowCount: number; truncated: boolean; updateCount: number | null; elapsedMs: number };

/**
 * A page of rows. Engines that read columns (the embedded DuckDB) also give the page as a column
 * page (lib/sql/column-page.ts): consumers that can pass it on as is (the browser's stream, the
 * kept result) use `page`, and `rows` is then decoded from it only when someone reads it.
 */
export type RowsEvent = { type: "rows"; rows: EngineRow[]; page?: ColumnPage };

// A rows event for a column page, `rows` decoded on first read (shared with the browser).
export { columnPageEvent } from "../../lib/sql/column-page";

/** The number of rows of a rows event, without decoding a column page. */
export function rowCountOf(event: RowsEvent): number {
  return event.page ? event.page.length : event.rows.length;
}

export type EngineErrorKind =
  /** The statement is wrong: syntax, unknown table, permission… (the user can fix it). */
  | "user"
  /** The statement was cancelled (by the user, a closed tab, or the engine's admin). */
  | "cancelled"
  /** The engine cannot be reached or refused the connection. */
  | "unavailable"
  /** Anything else the engine reported. */
  | "engine";

export class EngineQueryError extends Error {
  // The engines are made once per process (by the launcher's instance of this module) and
  // used from Next's instances, which check their errors: recognise any instance's errors by
  // shape (server/process-slot.ts says why there are several).
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === "EngineQueryError" && typeof (value as { kind?: unknown }).kind === "string";
  }

  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly details: {
      /** 1-based position of the error in the submitted SQL, when the engine says. */
      line?: number;
      column?: number;
      /** The engine's error name, e.g. SYNTAX_ERROR, TABLE_NOT_FOUND. */
      errorName?: string;
      queryId?: string;
    } = {},
  ) {
    super(message);
    this.name = "EngineQueryError";
  }
}

/** What a statement is: read-only or not, its verb, and why it needs a confirmation, if it does. */
export type StatementVerdict = { kind: "read" | "ddl" | "dml" | "other"; verb: string; destructive: string | null };

export type TableInfo = { name: string; type: "TABLE" | "VIEW"; comment: string | null };
export type ColumnInfo = { name: string; type: string; nullable: boolean; comment: string | null; ordinal: number };

export interface QueryEngine {
  /** Stable id used in URLs and history, e.g. "duckdb" or "trino". */
  readonly id: string;
  readonly kind: EngineKind;
  /** Human name, e.g. "Embedded DuckDB" or "Trino (trino.example.com)". */
  readonly label: string;

  execute(request: ExecuteRequest): AsyncIterable<QueryEvent>;
  /** Stops a running query; resolves quietly if it already ended. */
  cancel(queryId: string, user: string): Promise<void>;

  /**
   * Optional: the engine's own verdict on one statement for a user of `role`, without running it
   * and without side effects. Engines that enforce roles themselves (the embedded DuckDB's
   * sandbox) implement it; a refusal throws a FORBIDDEN DomainError, a statement the engine
   * cannot parse or bind throws EngineQueryError with its position. Without it, the portal
   * classifies the statement with node-sql-parser (server/sql/classify.ts).
   */
  checkStatement?(sql: string, session: { catalog?: string | null; schema?: string | null }, role: Role): Promise<StatementVerdict>;

  listCatalogs(user: string): Promise<string[]>;
  listSchemas(user: string, catalog: string): Promise<string[]>;
  listTables(user: string, catalog: string, schema: string): Promise<TableInfo[]>;
  listColumns(user: string, catalog: string, schema: string, table: string): Promise<ColumnInfo[]>;

  close(): Promise<void>;
}

/** What `checkStatement` throws for a statement the engine's policy refuses (the DuckDB sandbox); `reason` is the short form recorded in the audit log. */
export class StatementRefusedError extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super("FORBIDDEN", message);
  }

  // DomainError recognises every instance of its module by shape (server/process-slot.ts);
  // this narrower class adds `reason`.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof DomainError && typeof (value as { reason?: unknown }).reason === "string";
  }
}

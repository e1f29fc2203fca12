// The embedded engine: DuckDB in the portal process, sandboxed. One connection per query, so a
// query can be interrupted without touching the others; results are streamed chunk by chunk, so
// a million-row result never sits in memory whole. DuckDB has no users, so the sandbox stands in
// for them: the instance reaches no file outside the lake's folder and no network, loads no
// extension and its settings are locked (sandbox/instance.ts); every statement is checked
// against the user's role and the buckets it may read or write before it runs
// (sandbox/check-statement.ts), in `execute` itself, so no caller can skip it.
import { randomUUID } from "node:crypto";
import { DuckDBInstance, StatementType, type DuckDBConnection } from "@duckdb/node-api";
import type { Role } from "../../../lib/auth/roles";
import { columnPageEvent, EngineQueryError, StatementRefusedError, type ColumnInfo, type ExecuteRequest, type QueryEngine, type QueryEvent, type TableInfo } from "../query-engine";
import { quoteIdentifier } from "../../../lib/sql/identifiers";
import { jsonSafeConverter } from "./values";
import { ColumnPage } from "../../../lib/sql/column-page";
import { columnEncoders, encodeChunk } from "./chunk-columns";
import { duckDbError } from "./errors";
import { lockInstance, instanceSettings, type SandboxOptions } from "./sandbox/instance";
import { checkStatement, type SandboxVerdict, type BucketRightsOf } from "./sandbox/check-statement";

export type DuckDbEngineOptions = {
  /** Database file, or ":memory:". */
  path: string;
  id?: string;
  label?: string;
  /** DuckDB settings, e.g. { threads: "2" } (applied before the configuration is locked). */
  settings?: Record<string, string>;
  /** Where SQL may reach files, and who may read or write which bucket. Unset: no file at all. */
  sandbox?: SandboxOptions;
};

type Session = { catalog?: string | null; schema?: string | null };

/** Statement types DuckDB reports that no user statement may have (a second line behind the check). */
const REFUSED_STATEMENT_TYPES = new Set(["VARIABLE_SET", "PRAGMA", "ATTACH", "DETACH", "EXPORT", "LOAD", "TRANSACTION", "SET", "EXTENSION", "PREPARE", "EXECUTE"]);

export class DuckDbEngine implements QueryEngine {
  readonly kind = "duckdb" as const;
  readonly id: string;
  readonly label: string;
  private readonly running = new Map<string, DuckDBConnection>();
  private readonly cancelled = new Set<string>();
  private readonly timedOut = new Set<string>();

  private constructor(
    private readonly instance: DuckDBInstance,
    options: DuckDbEngineOptions,
    private readonly tableFunctions: ReadonlySet<string>,
  ) {
    this.id = options.id ?? "duckdb";
    this.label = options.label ?? "Embedded DuckDB";
    this.lakeDir = options.sandbox?.lakeDir ?? null;
    this.bucketRights = options.sandbox?.bucketRights ?? (() => () => ({ read: false, write: false, visible: false }));
  }

  private readonly lakeDir: string | null;
  private readonly bucketRights: (role: Role) => BucketRightsOf;

  static async create(options: DuckDbEngineOptions): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(options.path, { ...options.settings, ...instanceSettings(options.sandbox) });
    const conn = await instance.connect();
    try {
      await lockInstance(conn, options.sandbox);
      const names = await conn.runAndReadAll("SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro')");
      return new DuckDbEngine(instance, options, new Set(names.getRows().map((r) => String(r[0]))));
    } finally {
      conn.disconnectSync();
    }
  }

  /** A connection for set-up work (the demo lakehouse builder, tests). */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async *execute(request: ExecuteRequest): AsyncGenerator<QueryEvent> {
    const queryId = `duckdb_${randomUUID()}`;
    const started = performance.now();
    const elapsedMs = () => Math.round(performance.now() - started);
    const conn = await this.instance.connect();
    this.running.set(queryId, conn);
    const interrupt = () => conn.interrupt();
    request.signal?.addEventListener("abort", interrupt);
    const limitMs = request.timeLimitSeconds ? request.timeLimitSeconds * 1000 : null;
    const timer = limitMs
      ? setTimeout(() => {
          this.timedOut.add(queryId);
          conn.interrupt();
        }, limitMs)
      : null;
    let done = false;
    const stopped = () => request.signal?.aborted || this.cancelled.has(queryId) || this.timedOut.has(queryId);
    const stopError = () => (this.timedOut.has(queryId) ? timeLimitError(queryId, request.timeLimitSeconds!) : cancelledError(queryId));
    try {
      yield { type: "started", queryId };
      // The statement as DuckDB runs it: s3://bucket/key names become their lake files' paths.
      const { sql } = await this.enforce(conn, request.sql, request.role ?? "viewer").catch((err: unknown) => {
        if (err instanceof StatementRefusedError) throw new EngineQueryError("user", err.message, { errorName: "REFUSED", queryId });
        throw err;
      });
      await useSession(conn, request, queryId);
      if (stopped()) throw stopError();
      yield { type: "progress", progress: { state: "RUNNING", processedRows: 0, processedBytes: 0, percent: null, elapsedMs: elapsedMs() } };

      const result = await conn.stream(sql).catch((err: unknown) => {
        throw stopped() ? stopError() : duckDbError(err, request.sql, queryId);
      });
      yield {
        type: "columns",
        columns: result.columnNames().map((name, i) => ({ name, type: result.columnType(i).toString() })),
      };

      const limit = request.limit ?? Number.POSITIVE_INFINITY;
      const encoders = columnEncoders(Array.from({ length: result.columnCount }, (_, i) => result.columnType(i)));
      let rowCount = 0;
      let truncated = false;
      // One page per DuckDB chunk (2,048 rows, its vector size): the first goes out as soon as
      // DuckDB has it (time to first row), and a page is the chunk's bytes, not a copy of rows.
      for (;;) {
        if (stopped()) throw stopError();
        const chunk = await result.fetchChunk().catch((err: unknown) => {
          throw stopped() ? stopError() : duckDbError(err, request.sql, queryId);
        });
        if (!chunk || chunk.rowCount === 0) break;
        let rows = chunk.rowCount;
        if (rowCount + rows > limit) {
          truncated = true;
          rows = limit - rowCount;
        }
        if (rows > 0) {
          rowCount += rows;
          yield columnPageEvent(ColumnPage.decode(encodeChunk(chunk, encoders, rows)));
          yield { type: "progress", progress: { state: "RUNNING", processedRows: rowCount, processedBytes: 0, percent: null, elapsedMs: elapsedMs() } };
        }
        if (truncated) break;
      }
      const isQuery = result.columnNames().length > 0 && result.statementType === 1; // 1 = SELECT
      done = true;
      yield { type: "finished", rowCount, truncated, updateCount: isQuery ? null : safeNumber(result.rowsChanged), elapsedMs: elapsedMs() };
    } finally {
      request.signal?.removeEventListener("abort", interrupt);
      if (timer) clearTimeout(timer);
      if (!done) conn.interrupt(); // the consumer stopped early: stop the engine's work too
      this.running.delete(queryId);
      this.cancelled.delete(queryId);
      this.timedOut.delete(queryId);
      conn.disconnectSync();
    }
  }

  /**
   * The sandbox's verdict on one statement for a user of `role` (read or change, which verb,
   * destructive or not), then DuckDB's binding of it in the session's catalog and schema, without
   * running it. Refusals throw StatementRefusedError; binding errors (unknown table…) throw
   * EngineQueryError with their position.
   */
  async checkStatement(sql: string, session: Session, role: Role): Promise<SandboxVerdict> {
    const conn = await this.instance.connect();
    try {
      const verdict = await this.enforce(conn, sql, role);
      await useSession(conn, { ...session, sql }, undefined);
      let prepared;
      try {
        prepared = await (await conn.extractStatements(verdict.sql)).prepare(0);
      } catch (err) {
        throw duckDbError(err, sql);
      }
      const statementType = StatementType[prepared.statementType] ?? "INVALID";
      prepared.destroySync();
      if (REFUSED_STATEMENT_TYPES.has(statementType)) {
        throw new StatementRefusedError(`This statement is not allowed: DuckDB reads it as ${statementType}, which changes the shared engine.`, `statement type ${statementType}`);
      }
      return verdict;
    } finally {
      conn.disconnectSync();
    }
  }

  private async enforce(conn: DuckDBConnection, sql: string, role: Role): Promise<SandboxVerdict> {
    return checkStatement(conn, sql, {
      role,
      mayChangeData: role === "editor" || role === "admin",
      bucketRights: this.bucketRights(role),
      lakeDir: this.lakeDir,
      tableFunctions: this.tableFunctions,
      userTableMacros: async () => {
        const macros = await conn.runAndReadAll("SELECT DISTINCT lower(function_name) FROM duckdb_functions() WHERE function_type = 'table_macro' AND NOT internal");
        return new Set(macros.getRows().map((r) => String(r[0])));
      },
    });
  }

  async cancel(queryId: string, _user?: string): Promise<void> {
    const conn = this.running.get(queryId);
    if (!conn) return;
    this.cancelled.add(queryId);
    conn.interrupt();
  }

  async listCatalogs(): Promise<string[]> {
    const rows = await this.rows("SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1");
    return rows.map((r) => String(r[0]));
  }

  async listSchemas(_user: string, catalog: string): Promise<string[]> {
    const rows = await this.rows("SELECT schema_name FROM duckdb_schemas() WHERE database_name = $1 AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY 1", [
      catalog,
    ]);
    return rows.map((r) => String(r[0]));
  }

  async listTables(_user: string, catalog: string, schema: string): Promise<TableInfo[]> {
    const rows = await this.rows(
      `SELECT table_name, 'TABLE', comment FROM duckdb_tables() WHERE database_name = $1 AND schema_name = $2
       UNION ALL
       SELECT view_name, 'VIEW', comment FROM duckdb_views() WHERE database_name = $1 AND schema_name = $2 AND NOT internal
       ORDER BY 1`,
      [catalog, schema],
    );
    return rows.map((r) => ({ name: String(r[0]), type: r[1] === "VIEW" ? "VIEW" : "TABLE", comment: (r[2] as string | null) ?? null }));
  }

  async listColumns(_user: string, catalog: string, schema: string, table: string): Promise<ColumnInfo[]> {
    const rows = await this.rows(
      `SELECT column_name, data_type, is_nullable, comment, column_index FROM duckdb_columns()
       WHERE database_name = $1 AND schema_name = $2 AND table_name = $3 ORDER BY column_index`,
      [catalog, schema, table],
    );
    return rows.map((r) => ({ name: String(r[0]), type: String(r[1]), nullable: Boolean(r[2]), comment: (r[3] as string | null) ?? null, ordinal: Number(r[4]) }));
  }

  async close(): Promise<void> {
    for (const conn of this.running.values()) conn.interrupt();
    this.instance.closeSync();
  }

  private async rows(sql: string, values: string[] = []): Promise<unknown[][]> {
    const conn = await this.instance.connect();
    try {
      const reader = await conn.runAndReadAll(sql, values);
      return reader.convertRows(jsonSafeConverter) as unknown[][];
    } finally {
      conn.disconnectSync();
    }
  }
}

async function useSession(conn: DuckDBConnection, request: Session & { sql: string }, queryId: string | undefined): Promise<void> {
  if (!request.catalog) return;
  const target = request.schema ? `${quoteIdentifier(request.catalog)}.${quoteIdentifier(request.schema)}` : quoteIdentifier(request.catalog);
  await conn.run(`USE ${target}`).catch((err: unknown) => {
    throw duckDbError(err, request.sql, queryId);
  });
}

function timeLimitError(queryId: string, seconds: number): EngineQueryError {
  return new EngineQueryError("user", `The query ran longer than its time limit of ${seconds} s and was stopped.`, { queryId, errorName: "TIME_LIMIT" });
}

function cancelledError(queryId: string): EngineQueryError {
  return new EngineQueryError("cancelled", "The query was cancelled.", { queryId });
}

function safeNumber(n: number | bigint): number {
  return typeof n === "bigint" ? Number(n) : n;
}

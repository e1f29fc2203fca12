// The embedded engine: DuckDB in the portal process. One connection per query, so a query can
// be interrupted without touching the others; results are streamed chunk by chunk, so a
// million-row result never sits in memory whole. DuckDB has no users: the portal's own guards
// (read-only for viewers) decide what may run.
import { randomUUID } from "node:crypto";
import { DuckDBInstance, StatementType, type DuckDBConnection } from "@duckdb/node-api";
import { EngineQueryError, type ColumnInfo, type ExecuteRequest, type QueryEngine, type QueryEvent, type TableInfo } from "../query-engine";
import { jsonSafeConverter } from "./values";
import { duckDbError } from "./errors";

export type DuckDbEngineOptions = {
  /** Database file, or ":memory:". */
  path: string;
  id?: string;
  label?: string;
  /** Rows per `rows` event. */
  pageSize?: number;
  /** DuckDB settings, e.g. { threads: "2", memory_limit: "2GB" }. */
  settings?: Record<string, string>;
};

export class DuckDbEngine implements QueryEngine {
  readonly kind = "duckdb" as const;
  readonly id: string;
  readonly label: string;
  private readonly pageSize: number;
  private readonly running = new Map<string, DuckDBConnection>();
  private readonly cancelled = new Set<string>();

  private constructor(
    private readonly instance: DuckDBInstance,
    options: DuckDbEngineOptions,
  ) {
    this.id = options.id ?? "duckdb";
    this.label = options.label ?? "Embedded DuckDB";
    this.pageSize = options.pageSize ?? 2_048;
  }

  static async create(options: DuckDbEngineOptions): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(options.path, options.settings);
    return new DuckDbEngine(instance, options);
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
    let done = false;
    const stopped = () => request.signal?.aborted || this.cancelled.has(queryId);
    try {
      yield { type: "started", queryId };
      if (request.catalog) {
        const target = request.schema ? `${quoteIdent(request.catalog)}.${quoteIdent(request.schema)}` : quoteIdent(request.catalog);
        await conn.run(`USE ${target}`).catch((err: unknown) => {
          throw duckDbError(err, request.sql, queryId);
        });
      }
      if (stopped()) throw cancelledError(queryId);
      yield { type: "progress", progress: { state: "RUNNING", processedRows: 0, processedBytes: 0, percent: null, elapsedMs: elapsedMs() } };

      const result = await conn.stream(request.sql).catch((err: unknown) => {
        throw stopped() ? cancelledError(queryId) : duckDbError(err, request.sql, queryId);
      });
      yield {
        type: "columns",
        columns: result.columnNames().map((name, i) => ({ name, type: result.columnType(i).toString() })),
      };

      const limit = request.limit ?? Number.POSITIVE_INFINITY;
      let rowCount = 0;
      let truncated = false;
      let page: unknown[][] = [];
      for (;;) {
        if (stopped()) throw cancelledError(queryId);
        const chunk = await result.fetchChunk().catch((err: unknown) => {
          throw stopped() ? cancelledError(queryId) : duckDbError(err, request.sql, queryId);
        });
        if (!chunk || chunk.rowCount === 0) break;
        for (const row of chunk.convertRows(jsonSafeConverter)) {
          if (rowCount >= limit) {
            truncated = true;
            break;
          }
          page.push(row);
          rowCount++;
        }
        if (page.length >= this.pageSize || truncated) {
          yield { type: "rows", rows: page };
          page = [];
          yield { type: "progress", progress: { state: "RUNNING", processedRows: rowCount, processedBytes: 0, percent: null, elapsedMs: elapsedMs() } };
        }
        if (truncated) break;
      }
      if (page.length) yield { type: "rows", rows: page };
      const isQuery = result.columnNames().length > 0 && result.statementType === 1; // 1 = SELECT
      done = true;
      yield { type: "finished", rowCount, truncated, updateCount: isQuery ? null : safeNumber(result.rowsChanged), elapsedMs: elapsedMs() };
    } finally {
      request.signal?.removeEventListener("abort", interrupt);
      if (!done) conn.interrupt(); // the consumer stopped early: stop the engine's work too
      this.running.delete(queryId);
      this.cancelled.delete(queryId);
      conn.disconnectSync();
    }
  }

  /**
   * DuckDB's own parser's verdict on one statement (SELECT, INSERT, DROP, …), without running
   * it. Binding errors (unknown table…) are thrown as EngineQueryError with their position.
   */
  async statementType(sql: string, session: { catalog?: string | null; schema?: string | null } = {}): Promise<{ statementType: string } | null> {
    const conn = await this.instance.connect();
    try {
      // Bind in the same session catalog/schema the query will run in (unqualified names).
      if (session.catalog) await conn.run(`USE ${session.schema ? `${quoteIdent(session.catalog)}.${quoteIdent(session.schema)}` : quoteIdent(session.catalog)}`);
      const extracted = await conn.extractStatements(sql);
      if (extracted.count !== 1) return null;
      const prepared = await extracted.prepare(0);
      const statementType = StatementType[prepared.statementType] ?? "INVALID";
      prepared.destroySync();
      return { statementType };
    } catch (err) {
      throw duckDbError(err, sql);
    } finally {
      conn.disconnectSync();
    }
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
    const rows = await this.rows("SELECT schema_name FROM duckdb_schemas() WHERE database_name = $1 AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY 1", [catalog]);
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

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function cancelledError(queryId: string): EngineQueryError {
  return new EngineQueryError("cancelled", "The query was cancelled.", { queryId });
}

function safeNumber(n: number | bigint): number {
  return typeof n === "bigint" ? Number(n) : n;
}

// The Trino adapter of the QueryEngine port (server/engines/query-engine.ts), speaking Trino's
// client REST protocol (/work/shared/trino/protocol.md) through the npm trino-client; see
// trino-transport.ts for why we follow nextUri ourselves.
//
// Decisions:
// - Identity: every request carries X-Trino-User = the signed-in portal user, so Trino's access
//   control applies to them. With TRINO_USER/TRINO_PASSWORD the portal's service account
//   authenticates (HTTP basic) and Trino must allow it to impersonate portal users. A connection
//   from Admin › Connections may authenticate with a JWT instead (Bearer), and may turn
//   impersonation off (`runAs`: every request as the connection's own user).
// - Paging: one event per page (progress on every page, QUEUED ones included; rows when the page
//   has data); the last page is the one without nextUri (protocol.md §1.3), a page with `error`
//   is a failure (§1.5).
// - Cancel: cancel(queryId) is DELETE /v1/query/{id} (what trino-client's cancel() sends, and
//   the only handle another replica has). Inside execute() — abort signal, row limit reached,
//   consumer stopped reading — we DELETE the current nextUri, the protocol's own way for the
//   client that runs the query (§1.6). Both answer 204; later pages say USER_CANCELED.
//   An abort while the submitting POST is still in flight ends execute() at once, but the POST
//   is left to answer (it is not aborted): its reply names the query, whose nextUri we then
//   DELETE straight away, instead of leaving it to run until Trino's client timeout.
// - Limit: rows beyond `limit` are never yielded; when the limit is reached we keep reading only
//   until we know whether another row exists (so an exact fit is not "truncated"), then cancel
//   the rest on the server.
// - Values: Trino's JSON values are already JSON-safe (decimals, dates, timestamps are strings),
//   except bigint: integers beyond ±(2^53 − 1) arrive as bare numbers, which we turn into
//   decimal strings while parsing (trino-json.ts); smaller ones stay numbers. Datetimes keep
//   Trino's text at the column's own precision (timestamp(9): nine fraction digits; we declare
//   PARAMETRIC_DATETIME, see trino-transport.ts), never a JS Date (milliseconds only). ROW
//   values arrive as positional arrays and are given their field names from the column type
//   (trino-types.ts), also inside arrays, maps and other rows.
// - Statement text: Trino rejects a trailing semicolon, which users type out of habit; one is
//   removed before sending.
// - Time limit: `timeLimitSeconds` goes to Trino as the session property
//   query_max_execution_time (X-Trino-Session: query_max_execution_time=300s), so the
//   coordinator itself stops the query (queue time not counted), whichever replica started it.
//   Its EXCEEDED_TIME_LIMIT becomes kind "user", errorName "TIME_LIMIT", with a message that
//   states the limit; the workbench adds who set it (the role).
import {
  EngineQueryError,
  type ColumnInfo,
  type EngineColumn,
  type EngineErrorKind,
  type EngineProgress,
  type EngineRow,
  type ExecuteRequest,
  type QueryEngine,
  type QueryEvent,
  type TableInfo,
} from "../query-engine";
import { TrinoTransport, type TrinoConnectionConfig } from "./trino-transport";
import { rowNamingForColumns, type TrinoWireColumn } from "./trino-types";

export type TrinoEngineConfig = TrinoConnectionConfig & {
  /** Default session catalog/schema when a request names none. */
  catalog?: string | null;
  schema?: string | null;
  /** Engine id in URLs and history (default "trino"). */
  id?: string;
  /** Human name (default "Trino (<host>)"). */
  label?: string;
};

/** The members of a QueryResults document we read (protocol.md §2); unknown members are ignored. */
type TrinoQueryResults = {
  id?: string;
  nextUri?: string;
  columns?: TrinoWireColumn[];
  data?: unknown[][];
  stats?: {
    state?: string;
    processedRows?: number | string;
    processedBytes?: number | string;
    elapsedTimeMillis?: number | string;
    progressPercentage?: number | string;
  };
  error?: {
    message?: string;
    errorName?: string;
    errorType?: string;
    errorLocation?: { lineNumber?: number; columnNumber?: number };
    failureInfo?: { errorLocation?: { lineNumber?: number; columnNumber?: number } };
  };
  updateType?: string;
  updateCount?: number | string;
};

/** Error names that mean "the engine cannot serve right now" rather than a broken statement. */
const UNAVAILABLE_ERRORS = new Set(["NO_NODES_AVAILABLE", "SERVER_STARTING_UP", "SERVER_SHUTTING_DOWN"]);
const CANCELLED_ERRORS = new Set(["USER_CANCELED", "ADMINISTRATIVELY_KILLED"]);

const QUERY_ID = /^[A-Za-z0-9_]+$/;

export function createTrinoEngine(config: TrinoEngineConfig): QueryEngine {
  return new TrinoEngine(config);
}

export class TrinoEngine implements QueryEngine {
  readonly id: string;
  readonly kind = "trino" as const;
  readonly label: string;
  private readonly transport: TrinoTransport;
  /** Server-side cancel of each statement this process is still reading (for close()). */
  private readonly inFlight = new Set<() => Promise<void>>();
  /** Cancels of statements whose POST was still in flight when they were aborted (for close()). */
  private readonly lateCancels = new Set<Promise<void>>();
  /** Waiting for idle(): called whenever a statement stops being read. */
  private readonly idleWaiters = new Set<() => void>();

  constructor(private readonly config: TrinoEngineConfig) {
    this.transport = new TrinoTransport(config);
    this.id = config.id ?? "trino";
    this.label = config.label ?? `Trino (${new URL(config.url).host})`;
  }

  execute(request: ExecuteRequest): AsyncIterable<QueryEvent> {
    return this.run(request);
  }

  private async *run(request: ExecuteRequest): AsyncGenerator<QueryEvent> {
    const { signal, user } = request;
    const cancelled = (queryId?: string) => new EngineQueryError("cancelled", "The query was cancelled.", { queryId });
    if (signal?.aborted) throw cancelled();
    const limitSeconds = timeLimitOf(request);
    const session = {
      catalog: request.catalog ?? this.config.catalog ?? null,
      schema: request.schema ?? this.config.schema ?? null,
      ...(limitSeconds !== null ? { properties: { query_max_execution_time: `${limitSeconds}s` } } : {}),
    };
    const client = this.transport.open(session);
    const startedAt = Date.now();

    let page: TrinoQueryResults;
    // Not aborted with the signal: if the user cancels now, the reply is what lets us cancel the
    // query the coordinator has probably already started (see the header comment).
    const submitted = this.transport.send(client, { method: "POST", url: "/v1/statement", body: withoutTrailingSemicolon(request.sql), user }) as Promise<TrinoQueryResults>;
    try {
      page = await untilAborted(submitted, signal);
    } catch (err) {
      if (signal?.aborted) {
        this.cancelWhenSubmitted(client, submitted, user);
        throw cancelled();
      }
      throw this.transport.toEngineError(err);
    }
    if (!page || typeof page !== "object" || typeof page.id !== "string") {
      throw new EngineQueryError("engine", `Trino at ${this.transport.origin} answered the statement without a query id.`);
    }
    const queryId = page.id;

    // Cancelling on the server: DELETE the nextUri we hold (or the query resource), once.
    let serverCancel: Promise<void> | null = null;
    const cancelOnServer = (): Promise<void> =>
      (serverCancel ??= this.transport
        .send(client, { method: "DELETE", url: page.nextUri ?? `/v1/query/${queryId}`, user })
        .then(() => undefined)
        .catch(() => undefined)); // best effort: the query is already ending, or Trino is gone
    const onAbort = () => void cancelOnServer();
    signal?.addEventListener("abort", onAbort, { once: true });
    this.inFlight.add(cancelOnServer);

    let ended = false; // the server finished or failed the query: nothing left to cancel
    let rowCount = 0;
    let truncated = false;
    let updateCount: number | null = null;
    let columnsSent = false;
    let nameRowFields: ((row: unknown[]) => unknown[]) | null = null; // set when a column holds a ROW
    try {
      yield { type: "started", queryId };
      for (;;) {
        if (signal?.aborted) {
          await cancelOnServer();
          throw cancelled(queryId);
        }
        yield { type: "progress", progress: progressOf(page, startedAt) };
        if (!page.nextUri) ended = true;
        if (page.error) throw queryError(page.error, queryId, limitSeconds);
        if (page.columns && !columnsSent) {
          columnsSent = true;
          nameRowFields = rowNamingForColumns(page.columns);
          yield { type: "columns", columns: page.columns.map((c): EngineColumn => ({ name: c.name, type: c.type })) };
        }
        const data = nameRowFields && page.data ? page.data.map(nameRowFields) : (page.data ?? []);
        if (data.length > 0) {
          if (request.limit !== null && rowCount >= request.limit) {
            truncated = true; // a row beyond the limit exists
            break;
          }
          const room = request.limit === null ? data.length : request.limit - rowCount;
          const rows: EngineRow[] = room < data.length ? data.slice(0, room) : data;
          rowCount += rows.length;
          yield { type: "rows", rows };
          if (rows.length < data.length) {
            truncated = true;
            break;
          }
        }
        if (page.updateCount !== undefined && page.updateCount !== null) updateCount = Number(page.updateCount);
        if (!page.nextUri) {
          yield { type: "finished", rowCount, truncated: false, updateCount, elapsedMs: elapsedOf(page, startedAt) };
          return;
        }
        if (signal?.aborted) continue; // handled at the top of the loop
        try {
          page = (await this.transport.send(client, { method: "GET", url: page.nextUri, user, signal })) as TrinoQueryResults;
        } catch (err) {
          if (signal?.aborted) continue;
          throw this.transport.toEngineError(err, queryId);
        }
        if (!page || typeof page !== "object") throw new EngineQueryError("engine", `Trino at ${this.transport.origin} sent an empty page for query ${queryId}.`, { queryId });
      }
      // Limit reached: stop the rest of the query on the server, then report.
      await cancelOnServer();
      ended = true;
      yield { type: "finished", rowCount, truncated, updateCount, elapsedMs: Date.now() - startedAt };
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.inFlight.delete(cancelOnServer);
      if (this.inFlight.size === 0) for (const wake of this.idleWaiters) wake();
      // The consumer stopped early, or we failed mid-way: do not leave the query running.
      if (!ended) await cancelOnServer();
    }
  }

  async cancel(queryId: string, user: string): Promise<void> {
    if (!QUERY_ID.test(queryId)) throw new EngineQueryError("user", `“${queryId}” is not a Trino query id.`);
    const client = this.transport.open();
    try {
      await this.transport.send(client, { method: "DELETE", url: `/v1/query/${queryId}`, user });
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 404 || status === 410) return; // already gone: nothing to cancel
      throw this.transport.toEngineError(err, queryId);
    }
  }

  async listCatalogs(user: string): Promise<string[]> {
    const rows = await this.rows(user, "SHOW CATALOGS");
    return rows.map((r) => String(r[0]));
  }

  async listSchemas(user: string, catalog: string): Promise<string[]> {
    const rows = await this.rows(user, `SELECT schema_name FROM ${ident(catalog)}.information_schema.schemata WHERE catalog_name = ${literal(catalog)} ORDER BY schema_name`);
    return rows.map((r) => String(r[0]));
  }

  async listTables(user: string, catalog: string, schema: string): Promise<TableInfo[]> {
    const rows = await this.rows(
      user,
      `SELECT table_name, table_type FROM ${ident(catalog)}.information_schema.tables WHERE table_catalog = ${literal(catalog)} AND table_schema = ${literal(schema)} ORDER BY table_name`,
    );
    // Table comments live in system.metadata.table_comments (information_schema.tables has none);
    // best effort: a cluster that hides the system catalog still lists its tables.
    const comments = new Map<string, string>();
    try {
      for (const [name, comment] of await this.rows(
        user,
        `SELECT table_name, comment FROM system.metadata.table_comments WHERE catalog_name = ${literal(catalog)} AND schema_name = ${literal(schema)}`,
      )) {
        if (comment !== null && comment !== undefined) comments.set(String(name), String(comment));
      }
    } catch (err) {
      if (!(err instanceof EngineQueryError) || (err.kind !== "user" && err.kind !== "engine")) throw err;
    }
    return rows.map(([name, type]) => ({ name: String(name), type: String(type).toUpperCase() === "VIEW" ? "VIEW" : "TABLE", comment: comments.get(String(name)) ?? null }));
  }

  async listColumns(user: string, catalog: string, schema: string, table: string): Promise<ColumnInfo[]> {
    // `comment` is a hidden column of Trino's information_schema.columns.
    const rows = await this.rows(
      user,
      `SELECT column_name, data_type, is_nullable, ordinal_position, comment FROM ${ident(catalog)}.information_schema.columns WHERE table_catalog = ${literal(catalog)} AND table_schema = ${literal(schema)} AND table_name = ${literal(table)} ORDER BY ordinal_position`,
    );
    return rows.map(([name, type, nullable, ordinal, comment]) => ({
      name: String(name),
      type: String(type),
      nullable: String(nullable).toUpperCase() !== "NO",
      comment: comment === null || comment === undefined ? null : String(comment),
      ordinal: Number(ordinal),
    }));
  }

  /**
   * Resolves when no statement of this engine is being read (at once if none is), or after
   * `maxWaitMs`. A replaced connection (Admin › Connections) waits for this before close(), so
   * the queries it was running finish instead of being cancelled.
   */
  idle(maxWaitMs: number): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      timer.unref();
      this.idleWaiters.add(done);
    });
  }

  async close(): Promise<void> {
    // Statements still being read are cancelled on the coordinator instead of left to time out
    // (their readers then end with kind "cancelled"), then the pooled connections are closed.
    await Promise.all([...this.inFlight].map((cancel) => cancel()));
    await Promise.all(this.lateCancels);
    this.transport.close();
  }

  /** The POST of an aborted statement answers later: DELETE the query it started, at once. */
  private cancelWhenSubmitted(client: ReturnType<TrinoTransport["open"]>, submitted: Promise<TrinoQueryResults>, user: string): void {
    const late = submitted
      .then(async (page) => {
        if (page && typeof page === "object" && typeof page.id === "string") {
          await this.transport.send(client, { method: "DELETE", url: page.nextUri ?? `/v1/query/${page.id}`, user });
        }
      })
      .catch(() => undefined) // the POST failed (no query to cancel) or the cancel did: best effort
      .finally(() => this.lateCancels.delete(late));
    this.lateCancels.add(late);
  }

  private async rows(user: string, sql: string): Promise<EngineRow[]> {
    const rows: EngineRow[] = [];
    for await (const event of this.execute({ sql, user, limit: null })) if (event.type === "rows") rows.push(...event.rows);
    return rows;
  }
}

/** Settles like `work`, or rejects as soon as `signal` aborts (`work` then carries on unobserved). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function toNumber(value: number | string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function elapsedOf(page: TrinoQueryResults, startedAt: number): number {
  return page.stats?.elapsedTimeMillis !== undefined ? toNumber(page.stats.elapsedTimeMillis) : Date.now() - startedAt;
}

function progressOf(page: TrinoQueryResults, startedAt: number): EngineProgress {
  const stats = page.stats ?? {};
  const state = stats.state ?? (page.nextUri ? "RUNNING" : "FINISHED");
  // progressPercentage is only sent once the query is scheduled and has splits (§2).
  const reported = stats.progressPercentage !== undefined ? Math.min(100, Math.max(0, toNumber(stats.progressPercentage))) : null;
  return {
    state,
    processedRows: toNumber(stats.processedRows),
    processedBytes: toNumber(stats.processedBytes),
    percent: state === "FINISHED" ? 100 : reported,
    elapsedMs: elapsedOf(page, startedAt),
  };
}

/** Whole seconds, at least 1 (Trino's durations take fractions, but a limit below a second is a typo); null: no limit. */
function timeLimitOf(request: ExecuteRequest): number | null {
  const seconds = request.timeLimitSeconds;
  if (seconds === undefined || seconds === null) return null;
  if (!Number.isFinite(seconds)) throw new EngineQueryError("engine", `The time limit must be a number of seconds, not ${String(seconds)}.`);
  return Math.max(1, Math.ceil(seconds));
}

function queryError(error: NonNullable<TrinoQueryResults["error"]>, queryId: string, limitSeconds: number | null = null): EngineQueryError {
  const name = error.errorName ?? "GENERIC_INTERNAL_ERROR";
  if (name === "EXCEEDED_TIME_LIMIT") {
    // Ours (the session property) or the cluster's own query.max-execution-time, if lower.
    const message =
      limitSeconds !== null
        ? `The query ran longer than its time limit of ${limitSeconds} s and was stopped.`
        : `The query ran longer than the Trino cluster's time limit and was stopped (${error.message || "EXCEEDED_TIME_LIMIT"}).`;
    return new EngineQueryError("user", message, { errorName: "TIME_LIMIT", queryId });
  }
  const kind: EngineErrorKind = CANCELLED_ERRORS.has(name) ? "cancelled" : UNAVAILABLE_ERRORS.has(name) ? "unavailable" : error.errorType === "USER_ERROR" ? "user" : "engine";
  const location = error.errorLocation ?? error.failureInfo?.errorLocation;
  const fromMessage = /^line (\d+):(\d+): /.exec(error.message ?? "");
  const line = location?.lineNumber ?? (fromMessage ? Number(fromMessage[1]) : undefined);
  const column = location?.columnNumber ?? (fromMessage ? Number(fromMessage[2]) : undefined);
  const message = kind === "cancelled" ? "The query was cancelled." : error.message || `Trino reported ${name}.`;
  return new EngineQueryError(kind, message, { errorName: name, queryId, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
}

/** Drops one trailing `;` (and the blanks around it): Trino takes a single statement without it. */
export function withoutTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, "").replace(/\s+$/, "");
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

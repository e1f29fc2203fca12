// An in-process Trino coordinator for tests: it speaks Trino's client REST protocol (the
// "direct" v1 protocol) over real HTTP and executes the SQL on a real embedded DuckDB.
// No Trino server can run on our machines (ARCHITECTURE.md), so the Trino adapter is tested
// against this; it follows /work/shared/trino/protocol.md section by section:
//
//   §1.1  POST /v1/statement, SQL as the text body, session in X-Trino-* headers (recorded).
//   §1.2  the first reply is QUEUED with a nextUri and no columns/data.
//   §1.3  nextUri is absolute; queued URIs /v1/statement/queued/{id}/{slug}/{token} (token counts
//         up), then executing URIs /v1/statement/executing/{id}/{slug}/{token} (token from 0).
//   §1.4  pages: columns before data (a columns-only page first, as in the real capture), data
//         pages of `pageSize` rows, and data-less pages in between (some with columns, some
//         without); the last page has no nextUri. Re-requesting the latest token repeats it.
//   §1.5  failures are HTTP 200 documents with state FAILED and an `error` (QueryError, §3).
//   §1.6  DELETE <nextUri> (queued or executing) and DELETE /v1/query/{id} answer 204, interrupt
//         DuckDB, and later requests see FAILED / USER_CANCELED.
//   §1.1  `statementDelayMs` holds back the POST's answer after the query is registered, as a
//         busy coordinator does; the query is already cancellable by DELETE of its first nextUri.
//   §1.7  knobs inject 502/503/504 (or any status) to exercise client retries; optional HTTP
//         basic authentication answers 401.
//   §2    QueryResults members: id, infoUri, partialCancelUri, nextUri, columns (with
//         typeSignature), data, stats (StatementStats incl. progressPercentage when scheduled
//         and totalSplits > 0), error, warnings, updateType, updateCount — plus the unknown
//         member `taskDownloadUris` that Trino 360 sent, which clients must ignore.
//   §5    GET /v1/query/{id} returns query info (state FAILED after a cancel), as the npm
//         trino-client's integration test expects.
//   §4    X-Trino-Client-Capabilities: PARAMETRIC_DATETIME gives `timestamp(6)` etc. with every
//         fraction digit; without it, legacy `timestamp` values rounded to milliseconds
//         (trino-duckdb-types.ts).
//   §4    X-Trino-Session (comma-separated, URL-encoded name=value): `query_max_execution_time`
//         (an airlift Duration such as 300s or 5m) is enforced from the moment the query leaves
//         the queue: past it the query fails with EXCEEDED_TIME_LIMIT (131075,
//         INSUFFICIENT_RESOURCES, "Query exceeded the maximum execution time limit of 300.00s", as
//         Trino's QueryTracker words it) and DuckDB is interrupted. A value that is not a
//         duration fails the query with INVALID_SESSION_PROPERTY; other properties are ignored.
//   Analysis: SHOW STATS FOR answers Trino's statistics columns, counted or as a test declared them
//         (trino-duckdb-statistics.ts); `deniedTables` fails a SELECT of a denied table with
//         PERMISSION_DENIED "Access Denied: Cannot select from table c.s.t" before it runs, as
//         Trino's access control does (trino-duckdb-access.ts).
//
// Emulation choices (where DuckDB is not Trino): one DuckDB connection per query (so
// `interrupt()` stops exactly that query); X-Trino-Catalog/Schema become `USE catalog.schema`;
// a "split" is 2048 input rows of DuckDB's own progress estimate, so totalSplits/completedSplits
// and progressPercentage follow DuckDB's real progress; processedBytes counts the JSON bytes of
// rows produced. SQL and error translation live in trino-duckdb-dialect.ts, types and value
// encoding in trino-duckdb-types.ts.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { DuckDBInstance, ResultReturnType, type DuckDBConnection, type DuckDBResult } from "@duckdb/node-api";
import { encodeValue, trinoColumn, type ClientCapabilities, type TrinoColumn } from "./trino-duckdb-types";
import { findSemicolon, fromDuckDbError, locate, toDuckDbSql, trinoError, type Session, type TrinoQueryError } from "./trino-duckdb-dialect";
import { deniedTable, tablesRead, type DeniedTable } from "./trino-duckdb-access";
import { showStatsSql, showStatsTable, type DeclaredStatistics } from "./trino-duckdb-statistics";

export type TrinoProtocolServerOptions = {
  /** Rows per data page (default 1000). */
  pageSize: number;
  /** GETs of queued URIs answered with yet another queued URI before execution starts (default 1). */
  queuedPolls: number;
  /** Data-less pages after each data page, alternating "columns, no data" and "nothing" (default 1). */
  emptyPagesBetween: number;
  /** Delay before answering each GET of a nextUri (default 0). */
  pageDelayMs: number;
  /** Delay before answering POST /v1/statement; the query exists (and can be cancelled) meanwhile (default 0). */
  statementDelayMs: number;
  /** How long a GET waits for new rows before answering a data-less RUNNING page (Trino's maxWait; default 100). */
  maxWaitMs: number;
  /** When set, every request must carry HTTP basic credentials (else 401). */
  auth: { user: string; password: string } | null;
  /** Tables a user (X-Trino-User) may not SELECT from: PERMISSION_DENIED, as Trino's access control (default none). */
  deniedTables: DeniedTable[];
};

/** Start-up only: serve HTTPS with this key and certificate (PEM) instead of HTTP. */
export type TrinoProtocolServerTls = { key: string | Buffer; cert: string | Buffer };

export type RecordedRequest = {
  method: string;
  path: string;
  /** Status the server answered with. */
  status: number;
  queryId: string | null;
  user: string | null;
  source: string | null;
  catalog: string | null;
  schema: string | null;
  authorization: string | null;
  /** Every X-Trino-* request header, lower-cased names. */
  trinoHeaders: Record<string, string>;
};

/** What happened to the DuckDB side of a query. */
export type ExecutionOutcome = "not-started" | "finished" | "failed" | "interrupted";

export type ServedQuery = {
  readonly id: string;
  readonly sql: string;
  readonly user: string | null;
  readonly source: string | null;
  readonly catalog: string | null;
  readonly schema: string | null;
  readonly authorization: string | null;
  /** Trino state as a client would see it now. */
  readonly state: "QUEUED" | "RUNNING" | "FINISHED" | "FAILED";
  /** Paths of the DELETE requests received for this query. */
  readonly deletes: readonly string[];
  /** Settles when the DuckDB work of the query has ended (never rejects). */
  readonly execution: Promise<ExecutionOutcome>;
};

type Page = { token: number; body: string };

/** A re-armable "something changed" notifier. */
class Pulse {
  private waiters: (() => void)[] = [];
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const VECTOR_SIZE = 2048; // DuckDB's vector size: one emulated "split"

function newQueryId(sequence: number): string {
  // Trino's format YYYYMMDD_HHMMSS_NNNNN_xxxxx (protocol.md §1 "URI shapes").
  const now = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}_${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  const suffix = Array.from(randomBytes(5), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
  return `${stamp}_${p(sequence % 100_000, 5)}_${suffix}`;
}

class Query implements ServedQuery {
  readonly slug = `y${randomBytes(16).toString("hex")}`;
  readonly createdAt = Date.now();
  executionStartedAt: number | null = null;
  readonly deletes: string[] = [];
  readonly pulse = new Pulse(); // rows, columns, errors, cancel → wake waiting GETs
  readonly demand = new Pulse(); // rows taken → wake the producer
  phase: "queued" | "executing" = "queued";
  queuedPollsLeft: number;
  lastQueued: Page | null = null;
  lastExecuting: Page | null = null;
  columns: TrinoColumn[] | null = null;
  columnsAnnounced = false;
  buffer: string[] = [];
  exhausted = false;
  finishedServed = false;
  error: TrinoQueryError | null = null;
  cancelled = false;
  /** query_max_execution_time from X-Trino-Session, in ms (null: none). */
  maxExecutionMs: number | null = null;
  maxExecutionText = "";
  /** A session property that could not be read: the query fails when it leaves the queue. */
  sessionError: TrinoQueryError | null = null;
  /** Stopped by the time limit: DuckDB's work ends as if cancelled, the client sees EXCEEDED_TIME_LIMIT. */
  timedOut = false;
  updateType: string | null = null;
  updateCount: number | null = null;
  emptyPagesDue = 0;
  emptyPagesServed = 0;
  rowsProduced = 0;
  bytesProduced = 0;
  processedRows = 0;
  totalInputRows = 0;
  percent = 0;
  connection: DuckDBConnection | null = null;
  execution: Promise<ExecutionOutcome>;
  resolveExecution!: (outcome: ExecutionOutcome) => void;

  constructor(
    readonly id: string,
    readonly sql: string,
    readonly session: Session,
    readonly user: string | null,
    readonly source: string | null,
    readonly authorization: string | null,
    queuedPolls: number,
    readonly client: ClientCapabilities,
  ) {
    this.queuedPollsLeft = queuedPolls;
    this.execution = new Promise((resolve) => (this.resolveExecution = resolve));
  }

  get catalog() {
    return this.session.catalog;
  }
  get schema() {
    return this.session.schema;
  }
  get state(): ServedQuery["state"] {
    if (this.cancelled || this.error) return "FAILED";
    if (this.finishedServed) return "FINISHED";
    return this.phase === "queued" ? "QUEUED" : "RUNNING";
  }
  get done(): boolean {
    return this.cancelled || this.error !== null || this.finishedServed;
  }
  /** DuckDB's work must stop: cancelled, or over its time limit. */
  get stopping(): boolean {
    return this.cancelled || this.timedOut;
  }
}

const DURATION_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An airlift Duration ("300s", "1.5m"): milliseconds and Trino's own wording ("300.00s"), or null. */
export function parseTrinoDuration(text: string): { ms: number; text: string } | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const unit = match?.[2];
  if (!match || !unit || !(unit in DURATION_UNITS_MS)) return null;
  const value = Number(match[1]);
  return { ms: value * DURATION_UNITS_MS[unit]!, text: `${value.toFixed(2)}${unit}` };
}

/** X-Trino-Session: "a=1,b=x%2Cy" → {a: "1", b: "x,y"} (names are not encoded, values are). */
function sessionProperties(header: string | undefined): Map<string, string> {
  const properties = new Map<string, string>();
  for (const pair of (header ?? "").split(",")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1).trim();
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // not URL-encoded: keep it as sent
    }
    properties.set(pair.slice(0, eq).trim(), decoded);
  }
  return properties;
}

export class TrinoProtocolServer {
  readonly requests: RecordedRequest[] = [];
  readonly options: TrinoProtocolServerOptions;
  private readonly queries = new Map<string, Query>();
  private readonly injections: { status: number; times: number; method: string | null }[] = [];
  private readonly statistics = new Map<string, DeclaredStatistics>();
  private sequence = 0;
  private closed = false;
  private connectionsOpened = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly admin: DuckDBConnection,
    private readonly server: http.Server | https.Server,
    private readonly scheme: "http" | "https",
    options: Partial<TrinoProtocolServerOptions>,
  ) {
    this.options = { pageSize: 1000, queuedPolls: 1, emptyPagesBetween: 1, pageDelayMs: 0, statementDelayMs: 0, maxWaitMs: 100, auth: null, deniedTables: [], ...options };
  }

  /** TCP connections (TLS connections, when serving HTTPS) clients have opened so far. */
  get connections(): number {
    return this.connectionsOpened;
  }

  /** Starts the server on 127.0.0.1 (port 0 unless given) with an empty in-memory DuckDB. */
  static async start(options: Partial<TrinoProtocolServerOptions> & { port?: number; tls?: TrinoProtocolServerTls } = {}): Promise<TrinoProtocolServer> {
    const { port = 0, tls, ...rest } = options;
    const instance = await DuckDBInstance.create(":memory:");
    const admin = await instance.connect();
    const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }) : http.createServer();
    const self = new TrinoProtocolServer(instance, admin, server, tls ? "https" : "http", rest);
    server.on(tls ? "secureConnection" : "connection", () => self.connectionsOpened++);
    server.on("request", (req, res) => {
      self.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    return self;
  }

  /** Base URL, e.g. http://127.0.0.1:41234 */
  get url(): string {
    return `${this.scheme}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Runs SQL on the embedded DuckDB (fixtures: ATTACH ':memory:' AS lake, CREATE SCHEMA …). */
  async exec(sql: string): Promise<void> {
    await this.admin.run(sql);
  }

  /** SHOW STATS FOR `table` (catalog.schema.table) answers these instead of counting (trino-duckdb-statistics.ts). */
  declareStatistics(table: string, statistics: DeclaredStatistics): void {
    this.statistics.set(table.toLowerCase(), statistics);
  }

  /** Queries in submission order. */
  get served(): ServedQuery[] {
    return [...this.queries.values()];
  }

  query(id: string): ServedQuery | undefined {
    return this.queries.get(id);
  }

  /** Answers the next `times` requests (of `method`, if given) with `status` instead of handling them. */
  injectStatus(status: number, options: { times?: number; method?: "GET" | "POST" | "DELETE" } = {}): void {
    this.injections.push({ status, times: options.times ?? 1, method: options.method ?? null });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const q of this.queries.values()) if (!q.done) this.cancel(q);
    await Promise.all([...this.queries.values()].map((q) => q.execution));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.admin.closeSync();
    this.instance.closeSync();
  }

  // -------------------------------------------------------------------------------------------
  // HTTP routing
  // -------------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").filter(Boolean);
    const body = await readBody(req);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(",") : (v ?? null);
    };
    const trinoHeaders = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([k]) => k.startsWith("x-trino-"))
        .map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]),
    );
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      status: 0,
      queryId:
        parts[0] === "v1" && (parts[1] === "statement" || parts[1] === "query")
          ? ((parts[1] === "query" ? parts[2] : parts[3] === "partialCancel" ? parts[4] : parts[3]) ?? null)
          : null,
      user: header("x-trino-user"),
      source: header("x-trino-source"),
      catalog: header("x-trino-catalog"),
      schema: header("x-trino-schema"),
      authorization: header("authorization"),
      trinoHeaders,
    };
    this.requests.push(record);
    const send = (status: number, payload?: string, type = "application/json", extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(payload !== undefined ? { "content-type": type } : {}), ...extra });
      res.end(payload);
    };

    // §1.7: transient failures from "a gateway" before the coordinator sees the request.
    const injection = this.injections.find((i) => i.times > 0 && (i.method === null || i.method === method));
    if (injection) {
      injection.times--;
      return send(injection.status, `<html><body>${http.STATUS_CODES[injection.status] ?? "error"}</body></html>`, "text/html");
    }
    if (this.options.auth) {
      const expected = `Basic ${Buffer.from(`${this.options.auth.user}:${this.options.auth.password}`).toString("base64")}`;
      if (record.authorization !== expected) return send(401, "Unauthorized", "text/plain", { "www-authenticate": 'Basic realm="Trino"' });
    }

    const base = `${this.scheme}://${req.headers.host ?? new URL(this.url).host}`;
    // POST /v1/statement
    if (method === "POST" && url.pathname === "/v1/statement") {
      const sql = body;
      const q = new Query(
        newQueryId(++this.sequence),
        sql,
        { catalog: record.catalog, schema: record.schema },
        record.user,
        record.source,
        record.authorization,
        this.options.queuedPolls,
        { parametricDatetime: (trinoHeaders["x-trino-client-capabilities"] ?? "").split(",").some((c) => c.trim() === "PARAMETRIC_DATETIME") },
      );
      this.applySession(q, trinoHeaders["x-trino-session"]);
      this.queries.set(q.id, q);
      record.queryId = q.id;
      const page = { token: 0, body: this.document(q, base, { nextUri: `${base}/v1/statement/queued/${q.id}/${q.slug}/1` }) };
      q.lastQueued = page;
      if (this.options.statementDelayMs > 0) await sleep(this.options.statementDelayMs);
      return send(200, page.body);
    }
    // /v1/statement/{queued|executing}/{id}/{slug}/{token} and …/partialCancel/{id}/{stage}/{slug}/{token}
    if (parts[0] === "v1" && parts[1] === "statement" && (parts[2] === "queued" || parts[2] === "executing")) {
      const partial = parts[3] === "partialCancel";
      const [id, slug, tokenText] = partial ? [parts[4], parts[6], parts[7]] : [parts[3], parts[4], parts[5]];
      const q = id ? this.queries.get(id) : undefined;
      if (!q || slug !== q.slug) return send(404, `Query not found: ${id}`, "text/plain");
      const token = Number(tokenText);
      if (method === "DELETE") {
        q.deletes.push(url.pathname);
        if (partial) this.partialCancel(q);
        else this.cancel(q);
        return send(204);
      }
      if (method !== "GET") return send(405, "Method Not Allowed", "text/plain");
      if (this.options.pageDelayMs > 0) await sleep(this.options.pageDelayMs);
      const page = parts[2] === "queued" ? await this.queuedPage(q, base, token) : await this.executingPage(q, base, token);
      if (!page) return send(410, `Gone: token ${token} of ${q.id} is no longer available`, "text/plain");
      return send(200, page.body);
    }
    // /v1/query/{id}: query-management resource (what trino-client's cancel() and queryInfo() use)
    if (parts[0] === "v1" && parts[1] === "query" && parts[2]) {
      const q = this.queries.get(parts[2]);
      if (!q) return send(404, `Query not found: ${parts[2]}`, "text/plain");
      if (method === "DELETE") {
        q.deletes.push(url.pathname);
        this.cancel(q);
        return send(204);
      }
      if (method === "GET") return send(200, JSON.stringify(this.queryInfo(q, base)));
      return send(405, "Method Not Allowed", "text/plain");
    }
    if (method === "GET" && url.pathname === "/v1/info") {
      return send(200, JSON.stringify({ nodeVersion: { version: "emulated-duckdb" }, environment: "test", coordinator: true, starting: false, uptime: "1.00m" }));
    }
    return send(404, "Not Found", "text/plain");
  }

  // -------------------------------------------------------------------------------------------
  // Pages
  // -------------------------------------------------------------------------------------------

  private async queuedPage(q: Query, base: string, token: number): Promise<Page | null> {
    if (q.lastQueued && token === q.lastQueued.token) return q.lastQueued; // a client retry
    if (!q.lastQueued || token !== q.lastQueued.token + 1) return null;
    let nextUri: string | undefined;
    if (q.done)
      nextUri = undefined; // cancelled while queued: FAILED, no nextUri
    else if (q.queuedPollsLeft > 0) {
      q.queuedPollsLeft--;
      nextUri = `${base}/v1/statement/queued/${q.id}/${q.slug}/${token + 1}`;
    } else {
      // Dispatched: execution starts now; the client gets the first executing URI (token 0).
      nextUri = `${base}/v1/statement/executing/${q.id}/${q.slug}/0`;
      this.startExecution(q);
    }
    q.lastQueued = { token, body: this.document(q, base, { nextUri, stateOverride: q.done ? undefined : "QUEUED" }) };
    return q.lastQueued;
  }

  private async executingPage(q: Query, base: string, token: number): Promise<Page | null> {
    if (q.lastExecuting && token === q.lastExecuting.token) return q.lastExecuting;
    if (token !== (q.lastExecuting ? q.lastExecuting.token + 1 : 0) || q.phase !== "executing") return null;
    const next = `${base}/v1/statement/executing/${q.id}/${q.slug}/${token + 1}`;
    if (q.connection && !q.exhausted) this.readProgress(q, q.connection); // e.g. while an aggregation computes
    const ready = () =>
      q.done || q.error !== null || (q.columns !== null && (!q.columnsAnnounced || q.emptyPagesDue > 0 || q.buffer.length >= this.options.pageSize || q.exhausted));
    if (!ready()) await q.pulse.wait(this.options.maxWaitMs);

    let body: string;
    if (q.cancelled || q.error) {
      body = this.document(q, base, {});
    } else if (!q.columns) {
      body = this.document(q, base, { nextUri: next }); // still planning / computing
    } else if (!q.columnsAnnounced) {
      q.columnsAnnounced = true; // columns before data, like the real chain (page 04)
      body = this.document(q, base, { nextUri: next, columns: true });
    } else if (q.emptyPagesDue > 0) {
      q.emptyPagesDue--;
      body = this.document(q, base, { nextUri: next, columns: q.emptyPagesServed++ % 2 === 0 });
    } else if (q.buffer.length > 0) {
      const rows = q.buffer.splice(0, this.options.pageSize);
      q.demand.notify();
      q.emptyPagesDue = this.options.emptyPagesBetween;
      body = this.document(q, base, { nextUri: next, columns: true, data: rows });
    } else if (q.exhausted) {
      q.finishedServed = true;
      body = this.document(q, base, { columns: true });
    } else {
      body = this.document(q, base, { nextUri: next, columns: true });
    }
    q.lastExecuting = { token, body };
    return q.lastExecuting;
  }

  /** A QueryResults document (protocol.md §2) as JSON text; `data` rows are pre-encoded JSON. */
  private document(q: Query, base: string, page: { nextUri?: string; columns?: boolean; data?: string[]; stateOverride?: "QUEUED" }): string {
    const state = page.stateOverride ?? (page.nextUri === undefined && !q.cancelled && !q.error ? "FINISHED" : q.state);
    const scheduled = state !== "QUEUED" && q.executionStartedAt !== null;
    const finished = state === "FINISHED";
    const totalSplits = scheduled ? Math.max(1, Math.ceil(q.totalInputRows / VECTOR_SIZE)) : 0;
    const percent = finished || q.exhausted ? 100 : q.percent;
    const completedSplits = Math.min(totalSplits, Math.floor((totalSplits * percent) / 100));
    const now = Date.now();
    const queuedTimeMillis = (q.executionStartedAt ?? now) - q.createdAt;
    const doc: Record<string, unknown> = {
      id: q.id,
      infoUri: `${base}/ui/query.html?${q.id}`,
      ...(page.nextUri && q.phase === "executing" ? { partialCancelUri: `${base}/v1/statement/executing/partialCancel/${q.id}/0/${q.slug}/0` } : {}),
      ...(page.nextUri ? { nextUri: page.nextUri } : {}),
      ...(page.columns && q.columns && !(q.cancelled || q.error) ? { columns: q.columns } : {}),
      stats: {
        state,
        queued: state === "QUEUED",
        scheduled,
        nodes: scheduled ? 1 : 0,
        totalSplits,
        queuedSplits: 0,
        runningSplits: finished ? 0 : totalSplits - completedSplits,
        completedSplits,
        cpuTimeMillis: scheduled ? now - (q.executionStartedAt ?? now) : 0,
        wallTimeMillis: scheduled ? now - (q.executionStartedAt ?? now) : 0,
        queuedTimeMillis,
        elapsedTimeMillis: now - q.createdAt,
        processedRows: Math.max(q.processedRows, q.rowsProduced),
        processedBytes: q.bytesProduced,
        physicalInputBytes: 0,
        peakMemoryBytes: 0,
        spilledBytes: 0,
        ...(scheduled && totalSplits > 0 ? { progressPercentage: percent } : {}),
      },
      ...(q.cancelled ? { error: trinoError("USER_CANCELED", "Query was canceled") } : q.error ? { error: q.error } : {}),
      warnings: [],
      ...(finished && q.updateType ? { updateType: q.updateType } : {}),
      ...(finished && q.updateCount !== null ? { updateCount: q.updateCount } : {}),
      taskDownloadUris: [], // unknown member (Trino 360): clients must ignore it (§2)
    };
    const json = JSON.stringify(doc);
    // Rows are spliced in as text so bigint values keep all their digits (JSON.stringify cannot).
    return page.data && page.data.length > 0 ? `${json.slice(0, -1)},"data":[${page.data.join(",")}]}` : json;
  }

  private queryInfo(q: Query, base: string): Record<string, unknown> {
    const error = q.cancelled ? trinoError("USER_CANCELED", "Query was canceled") : q.error;
    return {
      queryId: q.id,
      state: q.state,
      query: q.sql,
      self: `${base}/v1/query/${q.id}`,
      session: { user: q.user, source: q.source, catalog: q.catalog, schema: q.schema },
      ...(error ? { errorType: error.errorType, errorCode: { code: error.errorCode, name: error.errorName, type: error.errorType }, failureInfo: error.failureInfo } : {}),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Execution on DuckDB
  // -------------------------------------------------------------------------------------------

  /** §1.6: stop the query; DuckDB is interrupted until its work has really ended. */
  private cancel(q: Query): void {
    if (q.done) return; // cancelling a finished or failed query changes nothing (204 all the same)
    q.cancelled = true;
    q.pulse.notify();
    q.demand.notify();
    if (q.executionStartedAt === null) {
      q.resolveExecution("not-started"); // cancelled while queued: DuckDB never saw it
      return;
    }
    // DuckDB clears the interrupt flag when a statement starts, so an interrupt that lands
    // between prepare and execute would be lost: repeat it until the work has settled.
    q.connection?.interrupt();
    const timer = setInterval(() => q.connection?.interrupt(), 20);
    void q.execution.then(() => clearInterval(timer));
  }

  /** DELETE partialCancelUri: stop producing input, finish with the rows already produced. */
  private partialCancel(q: Query): void {
    if (q.done || q.exhausted) return;
    q.exhausted = true;
    q.connection?.interrupt();
    q.pulse.notify();
    q.demand.notify();
  }

  /** §4: the session properties this emulation honours. */
  private applySession(q: Query, header: string | undefined): void {
    const limit = sessionProperties(header).get("query_max_execution_time");
    if (limit === undefined) return;
    const duration = parseTrinoDuration(limit);
    if (!duration) {
      q.sessionError = trinoError("INVALID_SESSION_PROPERTY", `Invalid value for session property 'query_max_execution_time': ${limit}`);
      return;
    }
    q.maxExecutionMs = duration.ms;
    q.maxExecutionText = duration.text;
  }

  /** query_max_execution_time passed: fail the query and stop DuckDB, as Trino's QueryTracker does. */
  private exceedTimeLimit(q: Query): void {
    if (q.done) return;
    q.timedOut = true;
    q.error = trinoError("EXCEEDED_TIME_LIMIT", `Query exceeded the maximum execution time limit of ${q.maxExecutionText}`);
    q.pulse.notify();
    q.demand.notify();
    q.connection?.interrupt();
    const timer = setInterval(() => q.connection?.interrupt(), 20);
    void q.execution.then(() => clearInterval(timer));
  }

  private startExecution(q: Query): void {
    q.phase = "executing";
    q.executionStartedAt = Date.now();
    if (q.sessionError) {
      q.error = q.sessionError;
      q.pulse.notify();
      q.resolveExecution("failed");
      return;
    }
    if (q.maxExecutionMs !== null) {
      // Runs until the client has read the last page (Trino counts the output phase too); a
      // query that is done by then is left alone. unref: never keeps a test process alive.
      setTimeout(() => this.exceedTimeLimit(q), q.maxExecutionMs).unref();
    }
    void this.run(q).then(
      (outcome) => q.resolveExecution(outcome),
      (err: unknown) => {
        q.error ??= trinoError("GENERIC_INTERNAL_ERROR", String(err));
        q.pulse.notify();
        q.resolveExecution("failed");
      },
    );
  }

  private async run(q: Query): Promise<ExecutionOutcome> {
    const sql = q.sql;
    // Trino takes exactly one statement, without a trailing semicolon.
    const semicolon = findSemicolon(sql);
    if (sql.trim() === "" || semicolon !== -1) {
      q.error = trinoError(
        "SYNTAX_ERROR",
        semicolon !== -1 ? "mismatched input ';'. Expecting: <EOF>" : "mismatched input '<EOF>'. Expecting: <query>",
        locate(sql, semicolon !== -1 ? semicolon : sql.length),
      );
      q.pulse.notify();
      return "failed";
    }
    let duckSql = toDuckDbSql(sql, q.session);
    const connection = await this.instance.connect();
    q.connection = connection;
    let result: DuckDBResult | null = null;
    try {
      // Analysis: SHOW STATS and the access control's SELECT checks, before anything runs.
      const statsOf = showStatsTable(sql, q.session);
      const tables = statsOf ? [statsOf] : await tablesRead(connection, duckSql, q.session);
      const denied = deniedTable(this.options.deniedTables, q.user, tables);
      if (denied) {
        q.error = trinoError("PERMISSION_DENIED", `Access Denied: Cannot select from table ${denied}`);
        q.pulse.notify();
        return "failed";
      }
      if (statsOf) duckSql = await showStatsSql(connection, statsOf, this.statistics.get(`${statsOf.catalog}.${statsOf.schema}.${statsOf.table}`.toLowerCase()));
      if (q.stopping) return "interrupted";
      await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0; SET errors_as_json = true");
      if (q.session.catalog) {
        const target = [q.session.catalog, q.session.schema].filter((p): p is string => Boolean(p)).map((p) => `"${p.replace(/"/g, '""')}"`);
        try {
          await connection.run(`USE ${target.join(".")}`);
        } catch (err) {
          // The session names a catalog/schema that does not exist: report it like Trino does.
          const info = fromDuckDbError(err, sql, q.session, false);
          q.error =
            /schema/i.test(info.message) && q.session.schema
              ? trinoError("SCHEMA_NOT_FOUND", `Schema '${q.session.catalog}.${q.session.schema}' does not exist`)
              : trinoError("CATALOG_NOT_FOUND", `Catalog '${q.session.catalog}' not found`);
          return "failed";
        }
      }
      if (q.stopping) return "interrupted";
      const prepared = await connection.prepare(duckSql);
      const statementType = prepared.statementType;
      try {
        if (q.stopping) return "interrupted";
        result = await prepared.stream(); // for aggregations this computes everything first
      } finally {
        prepared.destroySync();
      }
      if (q.stopping) return "interrupted";

      if (result.returnType !== ResultReturnType.QUERY_RESULT) {
        // DDL/DML: Trino answers updateType (+ updateCount and a `rows` column for row counts).
        const rows = await result.getRows();
        const count = rows[0]?.[0];
        q.updateType = updateTypeOf(sql, statementType);
        if (typeof count === "bigint" || typeof count === "number") {
          q.updateCount = Number(count);
          q.columns = [{ name: "rows", type: "bigint", typeSignature: { rawType: "bigint", arguments: [] } }];
          q.buffer.push(`[${count.toString()}]`);
        } else {
          q.columns = [{ name: "result", type: "boolean", typeSignature: { rawType: "boolean", arguments: [] } }];
          q.buffer.push("[true]");
        }
        q.rowsProduced = 1;
        q.exhausted = true;
        q.pulse.notify();
        return "finished";
      }

      const names = result.deduplicatedColumnNames();
      const types = result.columnTypes();
      q.columns = names.map((name, i) => trinoColumn(name, types[i]!, q.client));
      q.pulse.notify();
      for (;;) {
        // Back-pressure: keep about two pages ready, like Trino's bounded output buffer.
        while (!q.stopping && !q.exhausted && q.buffer.length >= 2 * this.options.pageSize) await q.demand.wait();
        if (q.stopping) return "interrupted";
        if (q.exhausted) return "finished"; // partial cancel
        const chunk = await result.fetchChunk();
        this.readProgress(q, connection);
        if (q.stopping) return "interrupted";
        if (!chunk || chunk.rowCount === 0) break;
        const columns = chunk.getColumns();
        for (let r = 0; r < chunk.rowCount; r++) {
          const row = `[${columns.map((values, c) => encodeValue(values[r]!, types[c]!, q.client)).join(",")}]`;
          q.bytesProduced += row.length;
          q.buffer.push(row);
        }
        q.rowsProduced += chunk.rowCount;
        q.pulse.notify();
      }
      q.exhausted = true;
      q.pulse.notify();
      return "finished";
    } catch (err) {
      if (q.stopping || q.exhausted) return "interrupted"; // cancel, time limit or partial cancel
      q.error = fromDuckDbError(err, sql, q.session, duckSql === sql);
      q.pulse.notify();
      return "failed";
    } finally {
      q.connection = null;
      connection.closeSync();
    }
  }

  private readProgress(q: Query, connection: DuckDBConnection): void {
    const progress = connection.progress;
    if (progress.percentage >= 0) {
      q.percent = Math.max(q.percent, Math.min(100, progress.percentage));
      q.processedRows = Math.max(q.processedRows, Number(progress.rows_processed));
      q.totalInputRows = Math.max(q.totalInputRows, Number(progress.total_rows_to_process));
    }
  }
}

function updateTypeOf(sql: string, statementType: number): string {
  const words = sql
    .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, "")
    .split(/\s+/)
    .map((w) => w.toUpperCase());
  const [first = "", second = "", third = "", fourth = ""] = words;
  if (["CREATE", "DROP", "ALTER"].includes(first)) {
    if (second === "OR" && third === "REPLACE") return `${first} ${fourth}`;
    return `${first} ${second}`;
  }
  return first || `STATEMENT ${statementType}`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The Trino adapter against a real HTTP server that speaks Trino's client protocol and runs the
// SQL on an embedded DuckDB (../testing/trino-protocol-server.ts): the shared engine contract,
// then what the protocol adds — identity headers, paging, progress, cancel, errors, retries, TLS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { collect, createFixtureSql, describeEngineContract, expectEngineError, FIXTURE_ROWS, FIXTURE_TABLE } from "../contract";
import type { QueryEngine, QueryEvent } from "../query-engine";
import { TrinoProtocolServer, type TrinoProtocolServerOptions } from "../testing/trino-protocol-server";
import { createTrinoEngine, type TrinoEngineConfig } from "./trino-engine";

const CATALOG = "lake";
const SCHEMA = "contract";

async function startServer(options: Partial<TrinoProtocolServerOptions> & { tls?: { key: string; cert: string } } = {}): Promise<TrinoProtocolServer> {
  const server = await TrinoProtocolServer.start({ pageSize: 1000, ...options });
  await server.exec(`ATTACH ':memory:' AS ${CATALOG}; CREATE SCHEMA ${CATALOG}.${SCHEMA}; USE ${CATALOG}.${SCHEMA}; ${createFixtureSql()}`);
  return server;
}

const failure = expectEngineError;

const progressOf = (events: QueryEvent[]) => events.flatMap((e) => (e.type === "progress" ? [e.progress] : []));

describeEngineContract("trino", async () => {
  const server = await startServer();
  const engine = createTrinoEngine({ url: server.url, catalog: CATALOG, schema: SCHEMA });
  return { engine, catalog: CATALOG, schema: SCHEMA, teardown: () => server.close() };
});

describe("Trino adapter over the client protocol", () => {
  let server: TrinoProtocolServer;
  let engine: QueryEngine;
  const table = `${CATALOG}.${SCHEMA}.${FIXTURE_TABLE}`;
  const engineFor = (config: Partial<TrinoEngineConfig> = {}) => createTrinoEngine({ url: server.url, catalog: CATALOG, schema: SCHEMA, retryDelayMs: 5, ...config });
  const run = (sql: string, options: { user?: string; limit?: number | null; signal?: AbortSignal; on?: QueryEngine } = {}) =>
    (options.on ?? engine).execute({ sql, catalog: CATALOG, schema: SCHEMA, limit: options.limit ?? null, user: options.user ?? "alice@example.com", signal: options.signal });

  beforeAll(async () => {
    server = await startServer();
    engine = engineFor();
  });
  afterAll(async () => {
    await engine?.close();
    await server?.close();
  });
  const reset = (options: Partial<TrinoProtocolServerOptions> = {}) =>
    Object.assign(server.options, { pageSize: 1000, queuedPolls: 1, emptyPagesBetween: 1, pageDelayMs: 0, statementDelayMs: 0, auth: null }, options);

  it("runs every query as the signed-in portal user, with source, catalog and schema headers", async () => {
    reset();
    const result = await collect(run("SELECT 1 AS one", { user: "alice@example.com" }));
    const served = server.query(result.queryId!)!;
    expect(served).toMatchObject({ user: "alice@example.com", source: "lakehouse-portal", catalog: CATALOG, schema: SCHEMA, sql: "SELECT 1 AS one" });
    const requests = server.requests.filter((r) => r.queryId === result.queryId);
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.every((r) => r.user === "alice@example.com")).toBe(true);
    // Trino's id format and absolute nextUri shapes (queued, then executing).
    expect(result.queryId).toMatch(/^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/);
    expect(requests.map((r) => r.path.split("/")[3])).toEqual(expect.arrayContaining(["queued", "executing"]));
  });

  it("authenticates the service account with basic auth while X-Trino-User names the portal user", async () => {
    reset({ auth: { user: "portal-svc", password: "s3cret" } });
    try {
      const withAuth = engineFor({ auth: { user: "portal-svc", password: "s3cret" }, source: "portal-tests" });
      const result = await collect(run("SELECT 2 AS two", { user: "bob@example.com", on: withAuth }));
      expect(result.rows).toEqual([[2]]);
      const served = server.query(result.queryId!)!;
      expect(served.user).toBe("bob@example.com");
      expect(served.source).toBe("portal-tests");
      expect(served.authorization).toBe(`Basic ${Buffer.from("portal-svc:s3cret").toString("base64")}`);

      const wrong = engineFor({ auth: { user: "portal-svc", password: "wrong" } });
      const err = await failure(collect(run("SELECT 1", { on: wrong })));
      expect(err.kind).toBe("unavailable");
      expect(err.message).toMatch(/credentials.*401|401.*credentials/i);
      expect(err.message).toMatch(/TRINO_PASSWORD/);
    } finally {
      reset();
    }
  });

  it("reports progress on every page: QUEUED, then RUNNING with percentages, then FINISHED at 100", async () => {
    reset({ queuedPolls: 2, pageSize: 700, emptyPagesBetween: 2 });
    const result = await collect(run(`SELECT n, label FROM ${table} ORDER BY n`));
    const progress = progressOf(result.events);
    const states = progress.map((p) => p.state).filter((s, i, all) => s !== all[i - 1]);
    expect(states).toEqual(["QUEUED", "RUNNING", "FINISHED"]);
    expect(progress.filter((p) => p.state === "QUEUED").length).toBeGreaterThanOrEqual(3); // POST reply + queued polls
    expect(progress.filter((p) => p.state === "QUEUED").every((p) => p.percent === null)).toBe(true);
    const running = progress.filter((p) => p.state === "RUNNING");
    expect(running.every((p) => p.percent !== null && p.percent >= 0 && p.percent <= 100)).toBe(true);
    const percents = progress.map((p) => p.percent ?? 0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b)); // never goes backwards
    expect(progress.at(-1)).toMatchObject({ state: "FINISHED", percent: 100 });
    expect(progress.at(-1)!.processedRows).toBeGreaterThanOrEqual(FIXTURE_ROWS);
    // One progress event per page the server answered, data-less pages included.
    const pagesServed = server.requests.filter((r) => r.queryId === result.queryId && r.method !== "DELETE").length;
    expect(progress).toHaveLength(pagesServed);
    expect(result.rows).toHaveLength(FIXTURE_ROWS);
  });

  it("reads data-less pages and uneven pages without losing or reordering rows", async () => {
    reset({ pageSize: 333, emptyPagesBetween: 2 });
    const result = await collect(run(`SELECT n FROM ${table} ORDER BY n`));
    const pageSizes = result.events.flatMap((e) => (e.type === "rows" ? [e.rows.length] : []));
    expect(pageSizes.length).toBeGreaterThanOrEqual(Math.ceil(FIXTURE_ROWS / 333));
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(333);
    expect(result.rows.map((r) => r[0])).toEqual(Array.from({ length: FIXTURE_ROWS }, (_, i) => i + 1));
    const requests = server.requests.filter((r) => r.queryId === result.queryId && r.method === "GET");
    expect(requests.length).toBeGreaterThan(pageSizes.length * 2); // the empty pages were really there
    expect(result.events.filter((e) => e.type === "columns")).toHaveLength(1);
  });

  it("stops at the limit in the middle of a page and cancels the rest on the server", async () => {
    reset({ pageSize: 333 });
    const result = await collect(run(`SELECT n FROM ${table} ORDER BY n`, { limit: 1000 }));
    expect(result.rows).toHaveLength(1000);
    expect(result.rows.at(-1)).toEqual([1000]);
    expect(result.finished).toMatchObject({ rowCount: 1000, truncated: true });
    const served = server.query(result.queryId!)!;
    expect(served.deletes).toHaveLength(1);
    expect(served.deletes[0]).toMatch(/^\/v1\/statement\/executing\//);
    expect(await served.execution).toBe("interrupted");
    expect(served.state).toBe("FAILED");
  });

  it("aborting cancels on the server: DELETE received, DuckDB interrupted, query info says USER_CANCELED", async () => {
    reset();
    const controller = new AbortController();
    let queryId: string | null = null;
    const err = await failure(
      collect(run("SELECT a.range AS x, b.range AS y FROM range(200000) a, range(200000) b", { signal: controller.signal }), (event) => {
        if (event.type === "started") queryId = event.queryId;
        if (event.type === "rows") controller.abort();
      }),
    );
    expect(err.kind).toBe("cancelled");
    const served = server.query(queryId!)!;
    expect(served.deletes).toHaveLength(1);
    expect(served.deletes[0]).toMatch(/^\/v1\/statement\/executing\//);
    expect(await served.execution).toBe("interrupted");
    const info = (await (await fetch(`${server.url}/v1/query/${queryId}`)).json()) as { state: string; errorCode: { name: string } };
    expect(info).toMatchObject({ state: "FAILED", errorCode: { name: "USER_CANCELED" } });
  });

  it("cancel(queryId) sends DELETE /v1/query/{id} as the portal user and stops a computing query", async () => {
    reset();
    let cancelling: Promise<void> | undefined;
    let queryId: string | null = null;
    const err = await failure(
      collect(run("SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c", { user: "carol" }), (event) => {
        if (event.type === "started") queryId = event.queryId;
        if (event.type === "progress" && event.progress.state === "RUNNING") cancelling ??= engine.cancel(queryId!, "carol");
      }),
    );
    await cancelling;
    expect(err.kind).toBe("cancelled");
    expect(err.details.errorName).toBe("USER_CANCELED");
    const served = server.query(queryId!)!;
    expect(served.deletes).toEqual([`/v1/query/${queryId}`]);
    expect(server.requests.find((r) => r.method === "DELETE" && r.queryId === queryId)?.user).toBe("carol");
    expect(await served.execution).toBe("interrupted");
    // Cancelling it again, or an unknown query, is harmless.
    await expect(engine.cancel(queryId!, "carol")).resolves.toBeUndefined();
    await expect(engine.cancel("20240101_000000_00000_zzzzz", "carol")).resolves.toBeUndefined();
  });

  describe("per-role time limit (query_max_execution_time)", () => {
    const limited = (sql: string, timeLimitSeconds: number | undefined) =>
      engine.execute({ sql, catalog: CATALOG, schema: SCHEMA, limit: null, user: "vera@example.com", timeLimitSeconds });

    it("sends the limit as the session property on the statement, in whole seconds", async () => {
      reset();
      const cases: [number | undefined, string | undefined][] = [
        [300, "query_max_execution_time=300s"],
        [2.5, "query_max_execution_time=3s"],
        [undefined, undefined],
      ];
      for (const [limit, header] of cases) {
        const result = await collect(limited("SELECT 1 AS one", limit));
        const post = server.requests.find((r) => r.method === "POST" && r.queryId === result.queryId)!;
        expect(post.trinoHeaders["x-trino-session"]).toBe(header);
      }
    });

    it("a statement over its limit is stopped by the coordinator and reported as TIME_LIMIT", async () => {
      reset();
      let queryId: string | null = null;
      const err = await failure(
        collect(limited("SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c", 1), (event) => {
          if (event.type === "started") queryId = event.queryId;
        }),
      );
      expect([err.kind, err.details.errorName, err.message]).toEqual(["user", "TIME_LIMIT", "The query ran longer than its time limit of 1 s and was stopped."]);
      const served = server.query(queryId!)!;
      expect(served.state).toBe("FAILED");
      expect(await served.execution).toBe("interrupted"); // DuckDB's work really stopped
      expect(served.deletes).toEqual([]); // the coordinator ended it; nothing left for us to cancel
    });

    it("a statement within its limit runs as usual", async () => {
      reset();
      const result = await collect(limited(`SELECT count(*) AS n FROM ${table}`, 60));
      expect(result.rows).toEqual([[FIXTURE_ROWS]]);
    });
  });

  it("cancels the query when the consumer stops reading", async () => {
    reset();
    let queryId: string | null = null;
    for await (const event of run(`SELECT n FROM ${table}`)) {
      if (event.type === "started") queryId = event.queryId;
      if (event.type === "rows") break;
    }
    const served = server.query(queryId!)!;
    expect(served.deletes).toHaveLength(1);
    expect(await served.execution).toBe("interrupted");
  });

  it("closing the engine cancels the statements it is still reading", async () => {
    reset();
    const closing = engineFor();
    let queryId: string | null = null;
    let closed: Promise<void> | undefined;
    const err = await failure(
      collect(run("SELECT a.range AS x FROM range(200000) a, range(200000) b", { on: closing }), (event) => {
        if (event.type === "started") queryId = event.queryId;
        if (event.type === "rows") closed ??= closing.close();
      }),
    );
    await closed;
    expect(err.kind).toBe("cancelled");
    expect(server.query(queryId!)!.deletes).toHaveLength(1);
    expect(await server.query(queryId!)!.execution).toBe("interrupted");
  });

  it("maps a FAILED page to an error with Trino's name, type and location", async () => {
    reset();
    const syntax = await failure(collect(run("SELECT 1,\n  FROM WHERE")));
    expect(syntax).toMatchObject({ kind: "user", details: { errorName: "SYNTAX_ERROR", line: 2, column: 8 } });
    expect(syntax.message).toMatch(/^line 2:8: /);

    const missing = await failure(collect(run("SELECT * FROM no_such_table_xyz")));
    expect(missing).toMatchObject({ kind: "user", details: { errorName: "TABLE_NOT_FOUND", line: 1, column: 15 } });
    expect(missing.message).toContain(`Table '${CATALOG}.${SCHEMA}.no_such_table_xyz' does not exist`);

    const cast = await failure(collect(run("SELECT CAST('abc' AS INTEGER)")));
    expect(cast).toMatchObject({ kind: "user", details: { errorName: "INVALID_CAST_ARGUMENT" } });

    // Two statements are one too many for Trino; a single trailing semicolon is dropped for the user.
    const two = await failure(collect(run("SELECT 1; SELECT 2")));
    expect(two).toMatchObject({ kind: "user", details: { errorName: "SYNTAX_ERROR", line: 1, column: 9 } });
    expect((await collect(run("SELECT 3 AS three;\n"))).rows).toEqual([[3]]);
  });

  it("reports DDL and DML with their update count", async () => {
    reset();
    const created = await collect(run(`CREATE TABLE ${CATALOG}.${SCHEMA}.copied AS SELECT n FROM ${table} WHERE n <= 5`));
    expect(created.finished).toMatchObject({ updateCount: 5 });
    const inserted = await collect(run(`INSERT INTO ${CATALOG}.${SCHEMA}.copied SELECT n FROM ${table} WHERE n <= 3`));
    expect(inserted.finished).toMatchObject({ updateCount: 3 });
    const dropped = await collect(run(`DROP TABLE ${CATALOG}.${SCHEMA}.copied`));
    expect(dropped.finished).toMatchObject({ updateCount: null });
  });

  it("passes Trino's JSON values through: decimals, timestamps and nested values stay JSON-safe", async () => {
    reset();
    const result = await collect(
      run("SELECT CAST(1.25 AS DECIMAL(10,2)) AS d, TIMESTAMP '2024-01-02 03:04:05.123' AS ts, [1, 2] AS arr, -9007199254740993 AS small, CAST('NaN' AS DOUBLE) AS nan"),
    );
    expect(result.columns.map((c) => c.type)).toEqual(["decimal(10,2)", "timestamp(6)", "array(integer)", "bigint", "double"]);
    expect(result.rows).toEqual([["1.25", "2024-01-02 03:04:05.123000", [1, 2], "-9007199254740993", "NaN"]]);
  });

  it("declares PARAMETRIC_DATETIME, so timestamps and times keep their precision (a legacy client gets milliseconds)", async () => {
    reset();
    const sql =
      "SELECT TIMESTAMP '2024-01-02 03:04:05.123456' AS ts6, CAST('2024-01-02 03:04:05.123456789' AS TIMESTAMP_NS) AS ts9, " +
      "CAST(TIMESTAMPTZ '2024-01-02 03:04:05.987654+00' AS TIMESTAMP WITH TIME ZONE) AS tstz, TIME '03:04:05.999999' AS t6";
    const result = await collect(run(sql));
    const post = server.requests.find((r) => r.method === "POST" && r.queryId === result.queryId)!;
    expect(post.trinoHeaders["x-trino-client-capabilities"]).toBe("PARAMETRIC_DATETIME");
    expect(result.columns.map((c) => c.type)).toEqual(["timestamp(6)", "timestamp(9)", "timestamp(6) with time zone", "time(6)"]);
    expect(result.rows).toEqual([["2024-01-02 03:04:05.123456", "2024-01-02 03:04:05.123456789", "2024-01-02 03:04:05.987654 UTC", "03:04:05.999999"]]);

    // What the portal got before it declared the capability (and what Trino sends such clients).
    const docs: { columns?: { type: string }[]; data?: unknown[][]; nextUri?: string }[] = [];
    let uri: string | undefined = `${server.url}/v1/statement`;
    while (uri) {
      const init: RequestInit = docs.length === 0 ? { method: "POST", body: sql, headers: { "X-Trino-User": "legacy" } } : { headers: { "X-Trino-User": "legacy" } };
      const doc = (await (await fetch(uri, init)).json()) as (typeof docs)[number];
      docs.push(doc);
      uri = doc.nextUri;
    }
    expect(docs.find((d) => d.columns)!.columns!.map((c) => c.type)).toEqual(["timestamp", "timestamp", "timestamp with time zone", "time"]);
    expect(docs.flatMap((d) => d.data ?? [])).toEqual([["2024-01-02 03:04:05.123", "2024-01-02 03:04:05.123", "2024-01-02 03:04:05.988 UTC", "03:04:06.000"]]);
  });

  it("names the fields of ROW values from the column type, inside arrays and other rows too", async () => {
    reset();
    const result = await collect(run("SELECT {'id': 7, 'name': 'seven'} AS r, [{'x': 1.5, 'y': 2.0}, NULL] AS pts, {'outer': {'inner': 'deep'}, 'n': NULL} AS nested, 3 AS plain"));
    expect(result.columns.map((c) => c.type)).toEqual([
      "row(id integer, name varchar)",
      "array(row(x decimal(2,1), y decimal(2,1)))",
      "row(outer row(inner varchar), n integer)",
      "integer",
    ]);
    expect(result.rows).toEqual([[{ id: 7, name: "seven" }, [{ x: "1.5", y: "2.0" }, null], { outer: { inner: "deep" }, n: null }, 3]]);
  });

  it("cancels a query aborted while its POST is in flight: the late answer's nextUri is DELETEd at once", async () => {
    reset({ statementDelayMs: 400 });
    try {
      const before = server.served.length;
      const controller = new AbortController();
      const running = collect(run(`SELECT n FROM ${table}`, { signal: controller.signal }));
      await vi.waitFor(() => expect(server.served.length).toBe(before + 1), { interval: 5 }); // the coordinator has it
      const served = server.served.at(-1)!;
      controller.abort();
      const err = await failure(running);
      expect(err.kind).toBe("cancelled");
      expect(served.deletes).toEqual([]); // execute() ended before the POST answered …
      await vi.waitFor(() => expect(served.deletes).toHaveLength(1), { timeout: 5_000, interval: 10 }); // … then the DELETE went out
      expect(served.deletes[0]).toMatch(new RegExp(`^/v1/statement/queued/${served.id}/`));
      expect(server.requests.find((r) => r.method === "DELETE" && r.queryId === served.id)?.user).toBe("alice@example.com");
      expect(served.state).toBe("FAILED");
      expect(await served.execution).toBe("not-started");
      // Nobody polled the query after the cancel: POST and DELETE only.
      expect(server.requests.filter((r) => r.queryId === served.id).map((r) => r.method)).toEqual(["POST", "DELETE"]);
    } finally {
      reset();
    }
  });

  it("retries a 503 from a gateway, on the statement and on a page", async () => {
    reset();
    server.injectStatus(503, { method: "POST" });
    server.injectStatus(502, { method: "GET" });
    const result = await collect(run("SELECT 4 AS four"));
    expect(result.rows).toEqual([[4]]);
    expect(server.requests.filter((r) => r.status === 503 || r.status === 502).map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("gives up with kind unavailable when the coordinator keeps answering 503", async () => {
    reset();
    server.injectStatus(503, { method: "POST", times: 3 });
    const err = await failure(collect(run("SELECT 1", { on: engineFor({ maxAttempts: 3 }) })));
    expect(err.kind).toBe("unavailable");
    expect(err.message).toMatch(/503.*3 attempts/);
  });

  it("reports a coordinator that stops answering as unavailable, and cancels the query it leaves behind", async () => {
    reset({ pageDelayMs: 5_000 });
    try {
      let queryId: string | null = null;
      const slow = engineFor({ requestTimeoutMs: 500, maxAttempts: 2 });
      const err = await failure(collect(run("SELECT 5 AS five", { on: slow }), (e) => void (e.type === "started" && (queryId = e.queryId))));
      expect(err.kind).toBe("unavailable");
      expect(err.message).toMatch(/did not answer within 500 ms/);
      expect(server.query(queryId!)!.deletes).toHaveLength(1);
    } finally {
      reset();
    }
  });

  it("fails fast with kind unavailable when nothing listens at TRINO_URL", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createTrinoEngine({ url: `http://127.0.0.1:${port}` });
    const err = await failure(collect(down.execute({ sql: "SELECT 1", limit: null, user: "alice" })));
    expect(err.kind).toBe("unavailable");
    expect(err.message).toMatch(/connection refused/);
    expect(err.message).toContain(`127.0.0.1:${port}`);
    await expect(down.cancel("20240101_000000_00000_aaaaa", "alice")).rejects.toMatchObject({ kind: "unavailable" });
  });
});

describe("Trino adapter over HTTPS", () => {
  // A throw-away certificate for 127.0.0.1 from Debian's openssl.
  const dir = mkdtempSync(path.join(tmpdir(), "trino-tls-"));
  let server: TrinoProtocolServer;
  let cert: string;

  beforeAll(async () => {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    cert = readFileSync(path.join(dir, "cert.pem"), "utf8");
    server = await startServer({ tls: { key: readFileSync(path.join(dir, "key.pem"), "utf8"), cert } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const query = (config: Partial<TrinoEngineConfig>) =>
    collect(
      createTrinoEngine({ url: server.url, catalog: CATALOG, schema: SCHEMA, ...config }).execute({
        sql: `SELECT count(*) AS c FROM ${FIXTURE_TABLE}`,
        limit: null,
        user: "alice",
      }),
    );

  it("reuses TLS connections: two 6-page results over one keep-alive pool open at most 2 connections", async () => {
    Object.assign(server.options, { pageSize: 12_500, queuedPolls: 1, emptyPagesBetween: 1 });
    try {
      const engine = createTrinoEngine({ url: server.url, catalog: CATALOG, schema: SCHEMA, ssl: { ca: cert } });
      const before = server.connections;
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const result = await collect(engine.execute({ sql: `SELECT n FROM ${FIXTURE_TABLE} ORDER BY n`, limit: null, user: "alice" }));
        expect(result.rows).toHaveLength(FIXTURE_ROWS);
        ids.push(result.queryId!);
      }
      for (const id of ids) expect(server.requests.filter((r) => r.queryId === id).length).toBeGreaterThanOrEqual(6);
      expect(server.connections - before).toBeLessThanOrEqual(2);
      expect(server.connections - before).toBeGreaterThanOrEqual(1); // the counter really counts
      await engine.close();
    } finally {
      Object.assign(server.options, { pageSize: 1000 });
    }
  });

  it("trusts the coordinator's certificate through the configured CA", async () => {
    expect(server.url).toMatch(/^https:/);
    expect((await query({ ssl: { ca: cert } })).rows).toEqual([[FIXTURE_ROWS]]);
  });

  it("refuses an unknown certificate with a hint, unless verification is switched off", async () => {
    const err = await failure(query({}));
    expect(err.kind).toBe("unavailable");
    expect(err.message).toMatch(/TLS.*TRINO_CA_FILE/);
    expect((await query({ ssl: { rejectUnauthorized: false } })).rows).toEqual([[FIXTURE_ROWS]]);
  });
});

// The protocol test server itself, spoken to with plain fetch: the documents have the shapes
// that /work/shared/trino/protocol.md describes (and that the Trino adapter's tests rely on).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrinoProtocolServer } from "./trino-protocol-server";

type Doc = {
  id: string;
  infoUri: string;
  nextUri?: string;
  partialCancelUri?: string;
  columns?: { name: string; type: string; typeSignature: { rawType: string } }[];
  data?: unknown[][];
  stats: {
    state: string;
    queued: boolean;
    scheduled: boolean;
    totalSplits: number;
    completedSplits: number;
    processedRows: number;
    elapsedTimeMillis: number;
    progressPercentage?: number;
  };
  error?: {
    message: string;
    errorCode: number;
    errorName: string;
    errorType: string;
    errorLocation?: { lineNumber: number; columnNumber: number };
    failureInfo: { type: string; stack: string[]; errorLocation?: unknown };
  };
  warnings: unknown[];
  taskDownloadUris?: unknown[];
};

describe("Trino protocol test server", () => {
  let server: TrinoProtocolServer;
  const headers = { "X-Trino-User": "alice", "X-Trino-Catalog": "lake", "X-Trino-Schema": "demo", "Content-Type": "text/plain" };
  const post = async (sql: string) => (await (await fetch(`${server.url}/v1/statement`, { method: "POST", body: sql, headers })).json()) as Doc;
  const get = async (uri: string) => (await (await fetch(uri, { headers })).json()) as Doc;
  async function chain(sql: string): Promise<Doc[]> {
    const docs = [await post(sql)];
    while (docs.at(-1)!.nextUri) docs.push(await get(docs.at(-1)!.nextUri!));
    return docs;
  }

  beforeAll(async () => {
    server = await TrinoProtocolServer.start({ pageSize: 4, queuedPolls: 1, emptyPagesBetween: 2 });
    await server.exec("ATTACH ':memory:' AS lake; CREATE SCHEMA lake.demo; CREATE TABLE lake.demo.t AS SELECT range + 1 AS n FROM range(10)");
  });
  afterAll(() => server?.close());

  it("answers POST with QUEUED and no columns or data, then queued and executing URIs, then a FINISHED page without nextUri", async () => {
    const docs = await chain("SELECT n FROM t ORDER BY n");
    const [first] = docs;
    expect(first!.id).toMatch(/^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/);
    expect(first).toMatchObject({ stats: { state: "QUEUED", queued: true, scheduled: false }, warnings: [], taskDownloadUris: [] });
    expect(first!.columns).toBeUndefined();
    expect(first!.data).toBeUndefined();
    expect(first!.infoUri).toBe(`${server.url}/ui/query.html?${first!.id}`);
    expect(first!.nextUri).toMatch(new RegExp(`^${server.url}/v1/statement/queued/${first!.id}/y[0-9a-f]+/1$`));
    expect(docs.map((d) => d.nextUri?.split("/")[5] ?? "end")).toEqual(["queued", "queued", "executing", ...Array(docs.length - 4).fill("executing"), "end"]);

    const executing = docs.filter((d) => d.stats.state !== "QUEUED");
    expect(executing[0]!.columns).toEqual([{ name: "n", type: "bigint", typeSignature: { rawType: "bigint", arguments: [] } }]);
    expect(executing[0]!.data).toBeUndefined(); // columns before data
    expect(docs.some((d) => d.stats.state === "RUNNING" && !d.columns && !d.data)).toBe(true); // empty pages
    expect(docs.some((d) => d.stats.state === "RUNNING" && d.columns && !d.data)).toBe(true);
    expect(docs.flatMap((d) => d.data ?? [])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1]));
    expect(Math.max(...docs.map((d) => d.data?.length ?? 0))).toBe(4);
    expect(docs.filter((d) => d.stats.state === "RUNNING").every((d) => d.stats.scheduled && d.stats.totalSplits > 0 && typeof d.stats.progressPercentage === "number")).toBe(true);

    const last = docs.at(-1)!;
    expect(last).toMatchObject({ stats: { state: "FINISHED", progressPercentage: 100, processedRows: 10 } });
    expect(last.stats.completedSplits).toBe(last.stats.totalSplits);
    expect(server.query(first!.id)).toMatchObject({ user: "alice", catalog: "lake", schema: "demo", state: "FINISHED" });
  });

  it("writes bigint values as bare JSON numbers with every digit", async () => {
    const docs = [await post("SELECT 9007199254740993 AS big")];
    let text = "";
    while (docs.at(-1)!.nextUri) {
      text = await (await fetch(docs.at(-1)!.nextUri!, { headers })).text();
      docs.push(JSON.parse(text) as Doc);
      if (text.includes('"data"')) break;
    }
    expect(text).toContain('"data":[[9007199254740993]]');
  });

  it("reports a failure as an HTTP 200 FAILED page with Trino's QueryError", async () => {
    const docs = await chain("SELECT 1,\n  FROM WHERE");
    const last = docs.at(-1)!;
    expect(last.nextUri).toBeUndefined();
    expect(last.stats.state).toBe("FAILED");
    expect(last.error).toMatchObject({
      errorCode: 1,
      errorName: "SYNTAX_ERROR",
      errorType: "USER_ERROR",
      errorLocation: { lineNumber: 2, columnNumber: 8 },
      failureInfo: { type: "io.trino.sql.parser.ParsingException", errorLocation: { lineNumber: 2, columnNumber: 8 } },
    });
    expect(last.error!.message).toMatch(/^line 2:8: syntax error at or near "WHERE"/);

    const missing = (await chain("SELECT * FROM nope")).at(-1)!;
    expect(missing.error).toMatchObject({ errorCode: 46, errorName: "TABLE_NOT_FOUND", message: "line 1:15: Table 'lake.demo.nope' does not exist" });
  });

  it("cancels on DELETE nextUri (204) and reports USER_CANCELED afterwards, in the next page and in the query info", async () => {
    const docs = [await post("SELECT a.range FROM range(100000) a, range(100000) b")];
    while (!docs.at(-1)!.data) docs.push(await get(docs.at(-1)!.nextUri!));
    const nextUri = docs.at(-1)!.nextUri!;
    const deleted = await fetch(nextUri, { method: "DELETE", headers });
    expect(deleted.status).toBe(204);
    const after = await get(nextUri);
    expect(after.nextUri).toBeUndefined();
    expect(after).toMatchObject({ stats: { state: "FAILED" }, error: { errorName: "USER_CANCELED", errorCode: 3, errorType: "USER_ERROR" } });
    const info = (await (await fetch(`${server.url}/v1/query/${after.id}`)).json()) as { state: string; errorCode: { name: string } };
    expect(info).toMatchObject({ state: "FAILED", errorCode: { name: "USER_CANCELED" } });
    expect(await server.query(after.id)!.execution).toBe("interrupted");
    // DELETE of an ended query is still 204; an unknown query is 404.
    expect((await fetch(`${server.url}/v1/query/${after.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${server.url}/v1/query/20240101_000000_00000_zzzzz`, { method: "DELETE" })).status).toBe(404);
  });

  describe("query_max_execution_time (X-Trino-Session)", () => {
    const postWith = async (sql: string, session: string) =>
      (await (await fetch(`${server.url}/v1/statement`, { method: "POST", body: sql, headers: { ...headers, "X-Trino-Session": session } })).json()) as Doc;
    async function chainWith(sql: string, session: string): Promise<Doc[]> {
      const docs = [await postWith(sql, session)];
      while (docs.at(-1)!.nextUri) docs.push(await get(docs.at(-1)!.nextUri!));
      return docs;
    }

    it("fails a query that runs past it with EXCEEDED_TIME_LIMIT, as a coordinator does, and stops DuckDB", async () => {
      const docs = await chainWith("SELECT count(*) FROM range(100000) a, range(100000) b, range(1000) c", "query_max_execution_time=1s");
      const last = docs.at(-1)!;
      expect(last.nextUri).toBeUndefined();
      expect(last.stats.state).toBe("FAILED");
      expect(last.error).toMatchObject({
        message: "Query exceeded the maximum execution time limit of 1.00s",
        errorCode: 131075,
        errorName: "EXCEEDED_TIME_LIMIT",
        errorType: "INSUFFICIENT_RESOURCES",
        failureInfo: { type: "io.trino.spi.TrinoException" },
      });
      expect(last.columns).toBeUndefined();
      expect(await server.query(last.id)!.execution).toBe("interrupted");
    });

    it("lets a query that ends in time finish, with other properties beside it", async () => {
      const docs = await chainWith("SELECT n FROM t ORDER BY n", "join_distribution_type=BROADCAST,query_max_execution_time=5m");
      expect(docs.at(-1)!.stats.state).toBe("FINISHED");
      expect(docs.flatMap((d) => d.data ?? [])).toHaveLength(10);
    });

    it.each(["soon", "10", "-5s", "5 parsecs"])("fails the query for a value that is not a duration: %j", async (value) => {
      const docs = await chainWith("SELECT 1", `query_max_execution_time=${encodeURIComponent(value)}`);
      expect(docs.at(-1)!.error).toMatchObject({
        errorName: "INVALID_SESSION_PROPERTY",
        errorType: "USER_ERROR",
        message: `Invalid value for session property 'query_max_execution_time': ${value}`,
      });
      expect(await server.query(docs[0]!.id)!.execution).toBe("failed");
    });
  });
});

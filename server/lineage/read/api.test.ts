// The Marquez-compatible read API as a Marquez client meets it, through the real route handlers
// with a `read` API token: every endpoint's answer conforms to the response schemas of
// testing/marquez-openapi.json (checked with ajv), names with slashes, dots, colons, `%` and unicode
// round-trip as URL-encoded path segments, lists page with limit/offset and totalCount, unknown
// names are 404 and bad parameters 400 in Marquez's error shape, naming the parameter. PGlite and PostgreSQL.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/databases";
import { describeOnDatabases } from "../../testing/describe-on-databases";
import { createTestUser } from "../../testing/expectations";
import { createToken } from "../../auth/api-tokens";
import type { CurrentUser } from "../../auth/current-user";
import { facet } from "../testing/events";
import { OpenApiValidator } from "./testing/openapi-validator";
import { ingestAll, jobRun, NS } from "./testing/build-graph";
import { GET as lineageGet } from "./lineage-route";
import { GET as namespacesGet } from "@/app/api/v1/namespaces/route";
import { GET as namespaceGet } from "@/app/api/v1/namespaces/[namespace]/route";
import { GET as jobsGet } from "@/app/api/v1/namespaces/[namespace]/jobs/route";
import { GET as jobGet } from "@/app/api/v1/namespaces/[namespace]/jobs/[job]/route";
import { GET as jobRunsGet } from "@/app/api/v1/namespaces/[namespace]/jobs/[job]/runs/route";
import { GET as allJobsGet } from "@/app/api/v1/jobs/route";
import { GET as runGet } from "@/app/api/v1/jobs/runs/[id]/route";
import { GET as datasetsGet } from "@/app/api/v1/namespaces/[namespace]/datasets/route";
import { GET as datasetGet } from "@/app/api/v1/namespaces/[namespace]/datasets/[dataset]/route";
import { GET as versionsGet } from "@/app/api/v1/namespaces/[namespace]/datasets/[dataset]/versions/route";
import { GET as columnLineageGet } from "@/app/api/v1/column-lineage/route";
import { GET as searchGet } from "@/app/api/v1/search/route";
import { GET as eventsGet } from "@/app/api/v1/events/lineage/route";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** Each spec path template with its handler; a request's path is matched against the templates. */
const ROUTES: [string, Route][] = [
  ["/namespaces", namespacesGet],
  ["/namespaces/{namespace}", namespaceGet],
  ["/namespaces/{namespace}/jobs", jobsGet],
  ["/namespaces/{namespace}/jobs/{job}", jobGet],
  ["/namespaces/{namespace}/jobs/{job}/runs", jobRunsGet],
  ["/jobs", allJobsGet],
  ["/jobs/runs/{id}", runGet],
  ["/namespaces/{namespace}/datasets", datasetsGet],
  ["/namespaces/{namespace}/datasets/{dataset}", datasetGet],
  ["/namespaces/{namespace}/datasets/{dataset}/versions", versionsGet],
  ["/lineage", lineageGet],
  ["/column-lineage", columnLineageGet],
  ["/search", searchGet],
  ["/events/lineage", eventsGet],
];

const spec = new OpenApiValidator(path.resolve(process.cwd(), "server/lineage/read/testing/marquez-openapi.json"));
const e = encodeURIComponent;

const S3 = "s3://raw-bucket";
const SLASHED = "landing/2026/01/orders.v2.parquet";
const ODD = "100%_done été:v1";

await describeOnDatabases("Marquez-compatible read API on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let user: CurrentUser;
  let token: string;
  let runId: string;
  let curateRunId: string;

  /** GET /api/v1 + `pathAndQuery` through its route handler, checked against the spec's schema for its status. */
  async function get(pathAndQuery: string, bearer = token): Promise<{ status: number; body: unknown; problems: string[] }> {
    const url = new URL(`http://portal.test/api/v1${pathAndQuery}`);
    const segments = url.pathname.slice("/api/v1".length).split("/");
    const match = ROUTES.filter(([template]) => {
      const parts = template.split("/");
      return parts.length === segments.length && parts.every((p, i) => p.startsWith("{") || p === segments[i]);
    }).sort(([a], [b]) => b.split("{").length - a.split("{").length);
    const [template, route] = match.at(-1)!;
    const res = await route(new Request(url, { headers: { authorization: `Bearer ${bearer}` } }), { params: Promise.resolve({}) });
    const body: unknown = await res.json();
    return { status: res.status, body, problems: spec.problems(template, res.status, body) };
  }

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    const editor = await createTestUser(database.db, "producer@example.com", "editor");
    user = await createTestUser(database.db, "reader@example.com", "viewer");
    token = (await createToken({ ctx: { user, ip: null, db: database.db }, input: { name: "marquez client", scopes: ["read"], expiresInDays: 1 } })).token;
    const schema = facet({
      fields: [
        { name: "id", type: "BIGINT" },
        { name: "total", type: "DECIMAL(10,2)", description: "in euros" },
      ],
    });
    const columns = facet(
      {
        fields: {
          total: { inputFields: [{ namespace: S3, name: SLASHED, field: "cents", transformations: [{ type: "DIRECT", subtype: "TRANSFORMATION", description: "cents / 100" }] }] },
        },
      },
      "ColumnLineageDatasetFacet",
      "1-2-0",
    );
    const events = [
      ...jobRun("etl.load", "2026-06-01T00:00:00Z", { inputs: [], outputs: [SLASHED], datasetNamespace: S3 }),
      ...jobRun("etl.curate", "2026-06-01T01:00:00Z", { inputs: [], outputs: [] }),
      ...[1, 2, 3, 4, 5].flatMap((i) => jobRun(`daily_${i}`, `2026-06-0${i}T02:00:00Z`, { inputs: [`src_${i}`], outputs: ["orders"] })),
    ];
    // etl.curate reads the slashed S3 file and writes `ODD` with a schema and column lineage.
    const curate = events[3] as { inputs: unknown[]; outputs: unknown[] };
    curate.inputs = [{ namespace: S3, name: SLASHED }];
    curate.outputs = [{ namespace: NS, name: ODD, facets: { schema, columnLineage: columns } }];
    await ingestAll(database.db, editor, events);
    runId = (events[1] as { run: { runId: string } }).run.runId;
    curateRunId = (events[3] as { run: { runId: string } }).run.runId;
  });
  afterAll(() => database?.close());

  describe.skipIf(skip)("every endpoint answers in Marquez's shape", () => {
    it("namespaces, jobs, runs, datasets, versions, lineage, column lineage, search and events conform to the spec", async () => {
      const calls = [
        "/namespaces",
        `/namespaces/${e(NS)}`,
        `/namespaces/${e(NS)}/jobs`,
        `/namespaces/${e(NS)}/jobs/${e("etl.curate")}`,
        `/namespaces/${e(NS)}/jobs/${e("etl.load")}/runs`,
        "/jobs?limit=3",
        `/jobs/runs/${runId}`,
        `/namespaces/${e(NS)}/datasets`,
        `/namespaces/${e(NS)}/datasets/${e(ODD)}`,
        `/namespaces/${e(S3)}/datasets/${e(SLASHED)}/versions`,
        `/lineage?nodeId=${e(`dataset:${NS}:${ODD}`)}&depth=4`,
        `/lineage?nodeId=${e(`job:${NS}:etl.curate`)}&asOf=2026-06-01T01:00:00.500Z`,
        `/column-lineage?nodeId=${e(`datasetField:${NS}:${ODD}:total`)}&depth=3&withDownstream=true`,
        "/search?q=etl&sort=updated_at",
        "/events/lineage?limit=5&sortDirection=asc",
      ];
      for (const call of calls) {
        const { status, body, problems } = await get(call);
        expect({ call, status, problems }).toEqual({ call, status: 200, problems: [] });
        expect(JSON.stringify(body).length).toBeGreaterThan(20);
      }
    });

    it("a job shows what it reads and writes, its latest run and its version; a run its versions and duration", async () => {
      const job = (await get(`/namespaces/${e(NS)}/jobs/${e("etl.curate")}`)).body as Record<string, unknown>;
      expect(job).toMatchObject({ id: { namespace: NS, name: "etl.curate" }, type: "BATCH", inputs: [{ namespace: S3, name: SLASHED }], outputs: [{ namespace: NS, name: ODD }] });
      expect(job.latestRun).toMatchObject({ id: curateRunId, state: "COMPLETED", durationMs: 1000, inputVersions: [], jobVersion: { namespace: NS, name: "etl.curate" } });
      expect(job.currentVersion).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("a dataset shows its schema fields, and the column lineage names the transformation", async () => {
      const dataset = (await get(`/namespaces/${e(NS)}/datasets/${e(ODD)}`)).body as Record<string, unknown>;
      expect(dataset.fields).toEqual([
        { name: "id", type: "BIGINT", tags: [], description: null },
        { name: "total", type: "DECIMAL(10,2)", tags: [], description: "in euros" },
      ]);
      const graph = (await get(`/column-lineage?nodeId=${e(`datasetField:${NS}:${ODD}:total`)}`)).body as { graph: { id: string; data: { inputFields: unknown[] } }[] };
      expect(graph.graph.map((n) => n.id)).toEqual([`datasetField:${NS}:${ODD}:total`, `datasetField:${S3}:${SLASHED}:cents`]);
      expect(graph.graph[0]!.data.inputFields).toMatchObject([
        { namespace: S3, dataset: SLASHED, field: "cents", transformationType: "DIRECT", transformationDescription: "cents / 100" },
      ]);
    });
  });

  describe.skipIf(skip)("names as URL-encoded path segments", () => {
    it("a namespace with :// and a dataset name with slashes and dots round-trip", async () => {
      const { status, body } = await get(`/namespaces/${e(S3)}/datasets/${e(SLASHED)}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: { namespace: S3, name: SLASHED }, name: SLASHED, namespace: S3 });
    });

    it("a name with %, _, a colon, a space and accents round-trips, and % is not a wildcard in a path", async () => {
      expect((await get(`/namespaces/${e(NS)}/datasets/${e(ODD)}`)).body).toMatchObject({ name: ODD });
      expect((await get(`/namespaces/${e(NS)}/datasets/${e("100%25_done été:v1")}`)).status).toBe(404);
    });
  });

  describe.skipIf(skip)("pagination", () => {
    it("datasets and jobs page with limit and offset, and totalCount counts them all", async () => {
      const page = async (p: string) => (await get(p)).body as { datasets?: { name: string }[]; jobs?: { name: string }[]; totalCount: number };
      const first = await page(`/namespaces/${e(NS)}/datasets?limit=2`);
      const second = await page(`/namespaces/${e(NS)}/datasets?limit=2&offset=2`);
      expect(first.totalCount).toBe(7); // src_1..5, orders, ODD
      expect(first.datasets!.map((d) => d.name)).toEqual(["100%_done été:v1", "orders"]);
      expect(second.datasets!.map((d) => d.name)).toEqual(["src_1", "src_2"]);
      const jobs = await page(`/jobs?limit=2&offset=6`);
      expect([jobs.totalCount, jobs.jobs!.map((j) => j.name)]).toEqual([7, ["etl.load"]]);
    });

    it("events page newest first by default, oldest first on request, within before and after", async () => {
      const events = async (q: string) => (await get(`/events/lineage${q}`)).body as { events: { eventTime: string }[]; totalCount: number };
      const newest = await events("?limit=2");
      expect(newest.totalCount).toBe(14);
      expect(newest.events.map((x) => x.eventTime)).toEqual(["2026-06-05T02:00:01.000Z", "2026-06-05T02:00:00Z"]);
      const oldest = await events("?limit=1&offset=1&sortDirection=asc");
      expect(oldest.events.map((x) => x.eventTime)).toEqual(["2026-06-01T00:00:01.000Z"]);
      const window = await events("?after=2026-06-02T00:00:00Z&before=2026-06-03T00:00:00Z");
      expect(window.totalCount).toBe(2);
    });

    it("search matches case-insensitively with % and _ as wildcards, filters by type and limits", async () => {
      const results = async (q: string) => ((await get(`/search${q}`)).body as { totalCount: number; results: { type: string; name: string; nodeId: string }[] }).results;
      expect((await results("?q=ETL")).map((r) => r.name)).toEqual(["etl.curate", "etl.load"]);
      expect((await results("?q=daily___&filter=job")).map((r) => r.name)).toEqual([]);
      expect((await results("?q=daily_&filter=job&limit=2")).map((r) => r.name)).toEqual(["daily_1", "daily_2"]);
      expect((await results("?q=src%25&filter=DATASET&limit=1"))[0]).toMatchObject({ type: "DATASET", name: "src_1", nodeId: `dataset:${NS}:src_1` });
    });
  });

  describe.skipIf(skip)("refusals", () => {
    it("unknown names are 404 with Marquez's { code, message }", async () => {
      const cases: [string, string][] = [
        [`/namespaces/nowhere`, "Namespace 'nowhere' not found."],
        [`/namespaces/${e(NS)}/jobs/nobody`, `Job 'nobody' not found in namespace '${NS}'.`],
        [`/namespaces/${e(NS)}/datasets/nothing/versions`, `Dataset 'nothing' not found in namespace '${NS}'.`],
        [`/jobs/runs/00000000-0000-4000-8000-000000000000`, "Run '00000000-0000-4000-8000-000000000000' not found."],
        [`/lineage?nodeId=${e("job:tests:ghost")}`, "Job 'job:tests:ghost' not found."],
      ];
      for (const [call, message] of cases) {
        const { status, body, problems } = await get(call);
        expect({ call, status, body, problems }).toEqual({ call, status: 404, body: { code: 404, message }, problems: [] });
      }
    });

    it("bad parameters are 400 with a message naming the parameter", async () => {
      const cases: [string, RegExp][] = [
        [`/lineage?nodeId=${e(`dataset:${NS}:orders`)}&depth=-1`, /^Invalid parameter depth: must be a whole number from 0 to 100\.$/],
        [`/lineage?depth=2`, /^Invalid parameter nodeId:/],
        [`/lineage?nodeId=${e(`dataset:${NS}:orders`)}&asOf=yesterday`, /^Invalid parameter asOf: must be an ISO-8601 time/],
        [`/lineage?nodeId=table:x:y`, /nodeId must start with 'dataset:', 'job:' or 'datasetField:'/],
        [`/column-lineage?nodeId=${e(`dataset:${NS}:orders`)}&withDownstream=yes`, /^Invalid parameter withDownstream: must be true or false\.$/],
        [`/namespaces/${e(NS)}/jobs/${e("etl.load")}/runs?limit=ten`, /^Invalid parameter limit:/],
        [`/jobs/runs/not-a-uuid`, /^Invalid parameter id: must be a run id \(a UUID\)\.$/],
        [`/search?q=`, /^Invalid parameter q: must not be empty\.$/],
        [`/search?q=x&filter=table`, /^Invalid parameter filter: must be dataset or job\.$/],
        [`/events/lineage?sortDirection=sideways`, /^Invalid parameter sortDirection: must be asc or desc\.$/],
        [`/namespaces/${"%E0%A4%A"}`, /^Invalid parameter namespace: not valid percent-encoding\.$/],
      ];
      for (const [call, message] of cases) {
        const { status, body, problems } = await get(call);
        expect({ call, status, problems }).toEqual({ call, status: 400, problems: [] });
        expect((body as { message: string }).message).toMatch(message);
      }
    });

    it("a token without the read scope is refused before anything is read", async () => {
      const writer = (await createToken({ ctx: { user, ip: null, db: database.db }, input: { name: "metrics only", scopes: ["metrics:read"], expiresInDays: 1 } })).token;
      expect((await get("/namespaces", writer)).status).toBe(403);
    });
  });
});

// The fake Airflow is only worth its tests if it answers as Airflow does: every answer of the
// endpoints the adapter uses is checked against the published spec's schemas (the excerpt in
// airflow-v1-openapi.json), leaf objects with no properties beyond the spec's, and the status
// codes are ones the spec lists for that operation.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAirflow, type FakeAirflow } from "./fake-airflow";

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "airflow-v1-openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, { responses: Record<string, string> }>>;
  components: { schemas: Record<string, Json> };
};

/** Objects whose every property the spec lists: the fake may send no others. */
const CLOSED = ["DAG", "DAGRun", "TaskInstance", "TaskInstanceReference", "Error", "HealthInfo", "SchedulerStatus", "Tag"];

/** OpenAPI 3.0 → what Ajv reads: drop the keywords Ajv does not know (discriminator, readOnly …). */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "discriminator" || key === "readOnly" || key === "deprecated" || key === "example") continue;
    out[key] = toJsonSchema(v);
  }
  // OpenAPI 3.0.3: "nullable: true" adds null to the allowed values, enum or not (HealthStatus
  // lists only healthy/unhealthy, and Airflow sends null for a triggerer that is not deployed).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  // Ajv reads "nullable" only beside "type"; ScheduleInterval is a nullable anyOf.
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [{ type: "null" }, rest] };
  }
  return out;
}

const schemas: Record<string, Json> = {};
for (const [name, schema] of Object.entries(spec.components.schemas)) {
  const s = toJsonSchema(schema) as Json;
  if (CLOSED.includes(name)) s.additionalProperties = false;
  schemas[name] = s;
}
const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
addFormats(ajv);
// The spec writes "datetime" in places it means date-time.
ajv.addFormat("datetime", { type: "string", validate: (v: string) => !Number.isNaN(Date.parse(v)) });
ajv.addSchema({ $id: "airflow", components: { schemas } });
const validators = new Map<string, ValidateFunction>();
function validatorFor(name: string): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    v = ajv.compile({ $ref: `airflow#/components/schemas/${name}` });
    validators.set(name, v);
  }
  return v;
}

let fake: FakeAirflow;
const auth = { authorization: `Basic ${Buffer.from("portal:portal-secret").toString("base64")}` };

/** Calls the fake and checks the answer against the spec's response for (path template, method, status). */
async function checked(method: "GET" | "POST", template: string, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${fake.url}/api/v1${url}`, {
    method,
    headers: { accept: "application/json", "content-type": "application/json", ...auth, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const operation = spec.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the spec excerpt`).toBeDefined();
  const schemaName = operation!.responses[String(response.status)];
  expect(schemaName, `${method} ${template} may answer ${response.status}`).toBeDefined();
  const body = (await response.json()) as unknown;
  const validate = validatorFor(schemaName!.split(" ")[0]!);
  expect(validate(body), `${method} ${url} → ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return { status: response.status, body: body as Json };
}

beforeAll(async () => {
  fake = await startFakeAirflow();
  fake.addDag({ dag_id: "orders", task_ids: ["extract", "load"], next_dagrun: "2026-12-03T06:00:00+00:00" });
  fake.addDag({ dag_id: "adhoc", cron: null, timetable_description: "Never, external triggers only" });
  fake.addRun("orders", {
    dag_run_id: "scheduled__2026-12-02T06:00:00+00:00",
    logical_date: "2026-12-02T06:00:00+00:00",
    state: "failed",
    tasks: [
      {
        task_id: "extract",
        state: "failed",
        try_number: 2,
        max_tries: 1,
        start_date: "2026-12-02T06:01:00+00:00",
        end_date: "2026-12-02T06:02:00+00:00",
        duration: 60,
        operator: "PythonOperator",
      },
      { task_id: "load", state: "upstream_failed", try_number: 0, max_tries: 1, start_date: null, end_date: null, duration: null, operator: "PythonOperator" },
    ],
  });
});
afterAll(() => fake?.close());

describe("the fake Airflow answers as the published spec says", () => {
  it("GET /dags (paged), /dags/{dag_id}", async () => {
    const list = await checked("GET", "/dags", "/dags?limit=1&offset=1");
    expect(list.body).toMatchObject({ total_entries: 2, dags: [{ dag_id: "orders" }] });
    await checked("GET", "/dags/{dag_id}", "/dags/adhoc");
  });

  it("GET and POST /dags/{dag_id}/dagRuns, GET a DAG run", async () => {
    const runs = await checked("GET", "/dags/{dag_id}/dagRuns", "/dags/orders/dagRuns?execution_date_gte=2026-12-02T06:00:00%2B00:00&order_by=-execution_date");
    expect(runs.body.total_entries).toBe(1);
    const created = await checked("POST", "/dags/{dag_id}/dagRuns", "/dags/orders/dagRuns", { body: { conf: { a: 1 }, note: "n" } });
    expect(created.body).toMatchObject({ state: "queued", run_type: "manual", conf: { a: 1 } });
    await checked("GET", "/dags/{dag_id}/dagRuns/{dag_run_id}", `/dags/orders/dagRuns/${encodeURIComponent(String(created.body.dag_run_id))}`);
    const taken = await checked("POST", "/dags/{dag_id}/dagRuns", "/dags/orders/dagRuns", { body: { dag_run_id: created.body.dag_run_id } });
    expect(taken.status).toBe(409);
    const badConf = await checked("POST", "/dags/{dag_id}/dagRuns", "/dags/orders/dagRuns", { body: { conf: [1] } });
    expect(badConf.status).toBe(400);
  });

  it("GET task instances, POST clearTaskInstances", async () => {
    const tasks = await checked(
      "GET",
      "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances",
      "/dags/orders/dagRuns/scheduled__2026-12-02T06%3A00%3A00%2B00%3A00/taskInstances?limit=100&offset=0",
    );
    expect((tasks.body.task_instances as Json[]).map((t) => t.state)).toEqual(["failed", "upstream_failed"]);
    const cleared = await checked("POST", "/dags/{dag_id}/clearTaskInstances", "/dags/orders/clearTaskInstances", {
      body: { dry_run: true, dag_run_id: "scheduled__2026-12-02T06:00:00+00:00", task_ids: ["extract"], only_failed: true },
    });
    expect(cleared.body.task_instances).toHaveLength(1);
  });

  it("GET a log as JSON (content and continuation_token)", async () => {
    const log = await checked(
      "GET",
      "/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
      "/dags/orders/dagRuns/scheduled__2026-12-02T06%3A00%3A00%2B00%3A00/taskInstances/extract/logs/1",
    );
    expect(typeof log.body.content).toBe("string");
  });

  it("GET /health without credentials", async () => {
    await checked("GET", "/health", "/health", { headers: { authorization: "" } });
  });

  it("errors are RFC 7807 problem details: 401, 403, 404", async () => {
    const unauthenticated = await checked("GET", "/dags", "/dags", { headers: { authorization: "Basic bm9ib2R5Om5vdGhpbmc=" } });
    expect(unauthenticated).toMatchObject({ status: 401, body: { status: 401, title: "Unauthorized" } });
    const missing = await checked("GET", "/dags/{dag_id}", "/dags/nope");
    expect(missing).toMatchObject({ status: 404, body: { title: "DAG not found", detail: "DAG with dag_id: 'nope' not found" } });
    const readOnly = await startFakeAirflow({ users: [{ username: "reader", password: "r", readOnly: true }] });
    try {
      readOnly.addDag({ dag_id: "orders" });
      const response = await fetch(`${readOnly.url}/api/v1/dags/orders/dagRuns`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("reader:r").toString("base64")}` },
        body: "{}",
      });
      expect(response.status).toBe(403);
      const validate = validatorFor("Error");
      expect(validate(await response.json())).toBe(true);
      expect(readOnly.dags.get("orders")!.runs).toHaveLength(0);
    } finally {
      await readOnly.close();
    }
  });
});

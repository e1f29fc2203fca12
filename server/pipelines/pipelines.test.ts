// The pipelines dashboards read back real run sequences ingested the way producers send them
// (ingestLineage): START → RUNNING → COMPLETE, FAIL with an error facet and stack trace, events
// out of order, Airflow-style retries as separate runs, a DAG run with task runs (ParentRunFacet),
// a run that never ends; and bad input (impossible windows, altered cursors, unknown runs).
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import type { CurrentUser } from "../auth/current-user";
import { ingestLineage } from "../lineage/ingest";
import { listPipelines } from "./pipelines-list";
import { listRuns } from "./runs-list";
import { runDetail, CHILD_LIMIT } from "./run-detail";
import { jobDetail } from "./job-detail";
import { pipelinesOverview, pipelinesTimeline } from "./overview";
import { refreshRunDayRollup, runDayCounts } from "./rollup";
import { jobDetailInput, overviewInput, pipelinesListInput, runDetailInput, runsListInput, timelineInput } from "./schemas";

const PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.1.0";
const NS = "airflow://prod";
let seq = 0;
const uuid = () => `0192c0de-0000-7000-8000-${String(++seq).padStart(12, "0")}`;

type Facets = Record<string, unknown>;
function event(type: string, at: Date, runId: string, job: string, runFacets: Facets = {}, extra: Facets = {}) {
  return {
    eventType: type,
    eventTime: at.toISOString(),
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId, facets: runFacets },
    job: { namespace: NS, name: job, facets: extra.jobFacets ?? {} },
    inputs: extra.inputs ?? [],
    outputs: extra.outputs ?? [],
  };
}
const facet = (name: string, body: Facets) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json#/$defs/${name}`, ...body });
const parentFacet = (runId: string, job: string) => ({ parent: facet("ParentRunFacet", { run: { runId }, job: { namespace: NS, name: job } }) });
const errorFacet = (message: string, stackTrace?: string) => ({
  errorMessage: facet("ErrorMessageRunFacet", { message, programmingLanguage: "python", ...(stackTrace ? { stackTrace } : {}) }),
});
const nominal = (start: Date) => ({ nominalTime: facet("NominalTimeRunFacet", { nominalStartTime: start.toISOString() }) });
const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);
/** The tests' "now", on a whole minute, so runs "n hours ago" are exactly an hour apart. */
const NOW = Math.floor(Date.now() / 60_000) * 60_000;

await describeOnDatabases("pipelines dashboards on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let user: CurrentUser;
  const ctx = () => ({ user, ip: null, db: database.db });
  const ingest = async (events: unknown[]) => {
    const { results } = await ingestLineage({ ctx: ctx(), input: { events } });
    expect(results.filter((r) => r.status === "refused")).toEqual([]);
  };

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (skip) return;
    await database.db
      .$executeRaw`TRUNCATE lineage_raw_events, lineage_namespaces, lineage_datasets, lineage_jobs, lineage_runs, users, catalog_datasets, pipeline_run_days, pipeline_rollup_state CASCADE`;
    user = await createTestUser(database.db, "viewer@example.com", "viewer");
  });

  /** A DAG run `etl` on the hour `hoursAgo` ago with tasks extract → load (load fails when asked). */
  async function dagRun(hoursAgo: number, { loadFails = false, retry = false } = {}) {
    const start = new Date(NOW - hoursAgo * 3_600_000);
    const dag = uuid();
    const extract = uuid();
    const load = uuid();
    const events = [
      event("START", start, dag, "etl", nominal(start), { jobFacets: { jobType: facet("JobTypeJobFacet", { processingType: "BATCH", integration: "AIRFLOW", jobType: "DAG" }) } }),
      event("START", minutes(start, 1), extract, "etl.extract", parentFacet(dag, "etl")),
      event("RUNNING", minutes(start, 2), extract, "etl.extract", parentFacet(dag, "etl")),
      event("COMPLETE", minutes(start, 4), extract, "etl.extract", parentFacet(dag, "etl"), { outputs: [{ namespace: "s3://lake", name: "raw/orders" }] }),
      event("START", minutes(start, 5), load, "etl.load", parentFacet(dag, "etl")),
    ];
    if (loadFails) {
      events.push(
        event("FAIL", minutes(start, 7), load, "etl.load", {
          ...parentFacet(dag, "etl"),
          ...errorFacet("relation orders does not exist", 'Traceback (most recent call last):\n  File "load.py", line 3\npsycopg2.errors.UndefinedTable'),
        }),
      );
      if (retry) {
        // Airflow's second try of the task: a new run of the same job under the same DAG run.
        const again = uuid();
        events.push(event("START", minutes(start, 8), again, "etl.load", parentFacet(dag, "etl")));
        events.push(event("COMPLETE", minutes(start, 10), again, "etl.load", parentFacet(dag, "etl")));
        events.push(event("COMPLETE", minutes(start, 11), dag, "etl", nominal(start)));
      } else events.push(event("FAIL", minutes(start, 8), dag, "etl", { ...nominal(start), ...errorFacet("Task load failed") }));
    } else {
      events.push(event("COMPLETE", minutes(start, 10), load, "etl.load", parentFacet(dag, "etl")));
      events.push(event("COMPLETE", minutes(start, 11), dag, "etl", nominal(start)));
    }
    await ingest(events);
    return { dag, extract, load, start };
  }

  it.skipIf(skip)("lists a DAG with its tasks: last state, success rate, median duration, sparkline runs and the expected next run from the cadence", async () => {
    await dagRun(4);
    await dagRun(3);
    await dagRun(2);
    const last = await dagRun(1, { loadFails: true });
    const { pipelines, nextCursor } = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({}) });
    expect(nextCursor).toBeNull();
    expect(pipelines.map((p) => p.name)).toEqual(["etl"]);
    const etl = pipelines[0]!;
    expect(etl.taskCount).toBe(2);
    expect(etl.tasks.map((t) => t.name)).toEqual(["etl.extract", "etl.load"]);
    expect(etl.stats).toMatchObject({ runs: 4, succeeded: 3, failed: 1, successRate: 0.75, medianSeconds: 660 });
    expect(etl.stats.lastRun).toMatchObject({ id: last.dag, state: "FAIL" });
    expect(etl.stats.recent.map((r) => r.state)).toEqual(["FAIL", "COMPLETE", "COMPLETE", "COMPLETE"]);
    // Hourly nominal times: next expected an hour after the last.
    expect(etl.stats.expectedNextAt?.getTime()).toBe(last.start.getTime() + 3_600_000);
    expect(etl.stats.late).toBe(false);
    expect(etl.tasks[1]!.stats.lastRun?.state).toBe("FAIL");
    expect(etl.tasks[0]!.stats.outputCount).toBe(1);

    // Filters: state of the last run, text on a task's name, namespace.
    const byState = async (state: string) => (await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ state }) })).pipelines.length;
    expect(await byState("FAIL")).toBe(1);
    expect(await byState("COMPLETE")).toBe(0);
    expect((await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ q: "load" }) })).pipelines).toHaveLength(1);
    expect((await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ q: "nothing%" }) })).pipelines).toHaveLength(0);
    expect((await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ namespace: "other" }) })).pipelines).toHaveLength(0);
  });

  it.skipIf(skip)("shows a failed run with its error and stack trace, its state history and its task runs for the Gantt; a retry is its own run", async () => {
    const { dag, load } = await dagRun(1, { loadFails: true, retry: true });
    const failed = await runDetail({ ctx: ctx(), input: runDetailInput.parse({ runId: load }) });
    expect(failed.state).toBe("FAIL");
    expect(failed.error).toEqual({ message: "relation orders does not exist", language: "python", stackTrace: expect.stringContaining("UndefinedTable") });
    expect(failed.states.map((s) => s.eventType)).toEqual(["START", "FAIL"]);
    expect(failed.parent).toMatchObject({ id: dag, job: "etl", known: true });
    expect(failed.durationSeconds).toBe(120);

    const parent = await runDetail({ ctx: ctx(), input: runDetailInput.parse({ runId: dag }) });
    expect(parent.state).toBe("COMPLETE");
    expect(parent.childCount).toBe(3);
    expect(parent.children.map((c) => `${c.job}:${c.state}`)).toEqual(["etl.extract:COMPLETE", "etl.load:FAIL", "etl.load:COMPLETE"]);
    expect(parent.nominal?.start).toBeInstanceOf(Date);

    const extract = await runDetail({ ctx: ctx(), input: runDetailInput.parse({ runId: parent.children[0]!.id }) });
    expect(extract.datasets).toEqual([{ direction: "output", namespace: "s3://lake", name: "raw/orders", catalog: null, object: { bucket: "lake", key: "raw/orders" } }]);
    expect(extract.states.map((s) => s.eventType)).toEqual(["START", "RUNNING", "COMPLETE"]);

    const failures = await listRuns({ ctx: ctx(), input: runsListInput.parse({ states: ["FAIL"] }) });
    expect(failures.runs.map((r) => `${r.job}:${r.errorMessage}`)).toEqual(["etl.load:relation orders does not exist"]);
  });

  it.skipIf(skip)("keeps a COMPLETE that arrived before its START terminal, and a run that never ends stays running without a duration", async () => {
    const t = new Date(Date.now() - 3_600_000);
    const late = uuid();
    await ingest([event("COMPLETE", minutes(t, 5), late, "lone")]);
    await ingest([event("START", t, late, "lone")]);
    const open = uuid();
    await ingest([event("START", minutes(t, 10), open, "lone")]);
    const done = await runDetail({ ctx: ctx(), input: { runId: late } });
    expect(done.state).toBe("COMPLETE");
    expect(done.durationSeconds).toBe(300);
    const { runs } = await listRuns({ ctx: ctx(), input: runsListInput.parse({ job: { namespace: NS, name: "lone" } }) });
    expect(runs.map((r) => [r.id, r.state, r.durationSeconds])).toEqual([
      [open, "START", null],
      [late, "COMPLETE", 300],
    ]);
    expect((await listRuns({ ctx: ctx(), input: runsListInput.parse({ states: ["running"] }) })).runs.map((r) => r.id)).toEqual([open]);
    // A duration filter leaves out the run without an end.
    expect((await listRuns({ ctx: ctx(), input: runsListInput.parse({ minSeconds: 0 }) })).runs.map((r) => r.id)).toEqual([late]);
    expect((await listRuns({ ctx: ctx(), input: runsListInput.parse({ minSeconds: 301 }) })).runs).toEqual([]);
    const timeline = await pipelinesTimeline({ ctx: ctx(), input: timelineInput.parse({ from: new Date(Date.now() - 2 * 3_600_000), to: new Date() }) });
    expect(timeline.bars.find((b) => b.id === open)).toMatchObject({ state: "START", endAt: null });
  });

  it.skipIf(skip)("pages runs by keyset: every run once, in order, across pages", async () => {
    const t = new Date(Date.now() - 86_400_000);
    const ids: string[] = [];
    const events = [];
    for (let i = 0; i < 23; i++) {
      const id = uuid();
      ids.push(id);
      // Two runs share each start time: the id breaks the tie.
      events.push(event("START", minutes(t, Math.floor(i / 2)), id, `job${i % 3}`), event("COMPLETE", minutes(t, Math.floor(i / 2) + 1), id, `job${i % 3}`));
    }
    await ingest(events);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listRuns({ ctx: ctx(), input: runsListInput.parse({ limit: 5, cursor }) });
      seen.push(...page.runs.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    const all = (await listRuns({ ctx: ctx(), input: runsListInput.parse({ limit: 100 }) })).runs.map((r) => r.id);
    expect(seen).toEqual(all);
    expect((await listRuns({ ctx: ctx(), input: runsListInput.parse({ q: "job1" }) })).runs).toHaveLength(8);
    // The pipelines list pages too (three lone jobs, two per page).
    const first = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ limit: 2 }) });
    const second = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ limit: 2, cursor: first.nextCursor }) });
    expect([...first.pipelines, ...second.pipelines].map((p) => p.name)).toEqual(["job0", "job1", "job2"]);
    expect(second.nextCursor).toBeNull();
    const recent = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ sort: "recent", limit: 2 }) });
    const recent2 = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ sort: "recent", limit: 2, cursor: recent.nextCursor }) });
    expect(new Set([...recent.pipelines, ...recent2.pipelines].map((p) => p.name)).size).toBe(3);
  });

  it.skipIf(skip)("counts runs per day by outcome and gives a job's p50/p90 duration trend and calendar", async () => {
    await dagRun(2);
    await dagRun(1, { loadFails: true });
    const overview = await pipelinesOverview({ ctx: ctx(), input: overviewInput.parse({ window: "7d" }) });
    expect(overview.days).toHaveLength(7);
    expect(overview.runs).toBe(6); // two DAG runs of three runs each (the DAG, extract, load)
    expect(overview.failed).toBe(2);
    const job = await jobDetail({ ctx: ctx(), input: jobDetailInput.parse({ namespace: NS, name: "etl.load", window: "7d" }) });
    expect(job.parent).toEqual({ namespace: NS, name: "etl" });
    const points = job.durationTrend.flatMap((p) => [p.p50, p.p90]);
    expect(points.every((v) => v === null || (v >= 120 && v <= 300))).toBe(true);
    expect(job.heatmap.reduce((s, d) => s + d.runs, 0)).toBe(2);
    expect(job.heatmap.reduce((s, d) => s + d.failed, 0)).toBe(1);
    const dag = await jobDetail({ ctx: ctx(), input: jobDetailInput.parse({ namespace: NS, name: "etl" }) });
    expect(dag.tasks.map((t) => `${t.name}:${t.lastState}`)).toEqual(["etl.extract:COMPLETE", "etl.load:FAIL"]);
  });

  it.skipIf(skip)("runs per day come from the rollup for past days once it is built, today live; a late event recounts its run's day; a stale rollup is not trusted", async () => {
    await dagRun(72);
    await dagRun(48, { loadFails: true });
    await dagRun(1);
    const open = uuid();
    const openedAt = new Date(NOW - 100 * 3_600_000);
    await ingest([event("START", openedAt, open, "slow_job")]);
    const overview = () => pipelinesOverview({ ctx: ctx(), input: overviewInput.parse({ window: "7d" }) });
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const live = await overview();
    expect(live.runs).toBe(10);

    expect(await refreshRunDayRollup(database.db)).toBeGreaterThanOrEqual(3);
    const start = new Date(Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), new Date(NOW).getUTCDate() - 6));
    expect((await runDayCounts(database.db, start, new Date())).fromRollup).toBe(true);
    expect(await overview()).toEqual(live);
    const stored = await database.db.pipelineRunDay.findUnique({ where: { day: new Date(`${day(openedAt)}T00:00:00Z`) } });
    expect(stored).toMatchObject({ other: 1, succeeded: 0 });

    // The run of 100 hours ago completes now (a late event): its day is recounted at the next refresh.
    await ingest([event("COMPLETE", new Date(), open, "slow_job")]);
    await refreshRunDayRollup(database.db);
    const after = await overview();
    expect(after.days.find((d) => d.day === day(openedAt))).toMatchObject({ succeeded: 1, other: 0 });
    expect(after.runs).toBe(10);

    // Not refreshed for an hour (alerts switched off): counted from the runs again.
    await database.db.$executeRaw`UPDATE pipeline_run_days SET succeeded = succeeded + 100`;
    expect((await overview()).runs).toBeGreaterThan(100);
    await database.db.$executeRaw`UPDATE pipeline_rollup_state SET refreshed_at = now() - interval '1 hour'`;
    expect((await runDayCounts(database.db, start, new Date())).fromRollup).toBe(false);
    expect((await overview()).runs).toBe(10);
  });

  it.skipIf(skip)("sorts pipelines server-side by success rate (lowest first) and median duration (longest first), paged; pipelines without figures last", async () => {
    const run = async (job: string, hoursAgo: number, minutesLong: number, end: "COMPLETE" | "FAIL" | null) => {
      const id = uuid();
      const at = new Date(NOW - hoursAgo * 3_600_000);
      await ingest([event("START", at, id, job), ...(end ? [event(end, minutes(at, minutesLong), id, job)] : [])]);
    };
    await run("slow_ok", 3, 30, "COMPLETE");
    await run("slow_ok", 2, 30, "COMPLETE");
    await run("flaky", 3, 2, "COMPLETE");
    await run("flaky", 2, 2, "FAIL");
    await run("never_done", 1, 0, null);
    await run("stale_ok", 24 * 20, 5, "COMPLETE"); // outside a 7-day window: no figures there
    const order = async (sort: string, window = "7d") => (await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ sort, window }) })).pipelines.map((p) => p.name);
    expect(await order("success")).toEqual(["flaky", "slow_ok", "never_done", "stale_ok"]);
    expect(await order("duration")).toEqual(["slow_ok", "flaky", "never_done", "stale_ok"]);
    expect(await order("duration", "30d")).toEqual(["slow_ok", "stale_ok", "flaky", "never_done"]);
    // Paged by position: every pipeline once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ sort: "success", limit: 3, cursor }) });
      seen.push(...page.pipelines.map((p) => p.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["flaky", "slow_ok", "never_done", "stale_ok"]);
    // A cursor of one sort is not read as another's.
    const first = await listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ sort: "success", limit: 1 }) });
    expect((await domainErrorOf(listPipelines({ ctx: ctx(), input: pipelinesListInput.parse({ sort: "duration", cursor: first.nextCursor }) }))).message).toMatch(/not valid/);
    expect(pipelinesListInput.safeParse({ sort: "random" }).error?.issues[0]?.message).toBe("must be name, recent, success or duration");
  });

  it.skipIf(skip)(`bounds a parent with very many task runs to ${CHILD_LIMIT} and says how many there are`, async () => {
    const t = new Date(Date.now() - 3_600_000);
    const dag = uuid();
    const events: unknown[] = [event("START", t, dag, "wide")];
    for (let i = 0; i < CHILD_LIMIT + 20; i++) {
      const id = uuid();
      events.push(event("COMPLETE", minutes(t, 1), id, `wide.t${i}`, parentFacet(dag, "wide")));
    }
    await ingest(events);
    const run = await runDetail({ ctx: ctx(), input: { runId: dag } });
    expect(run.childCount).toBe(CHILD_LIMIT + 20);
    expect(run.children).toHaveLength(CHILD_LIMIT);
  });

  it.skipIf(skip)("refuses impossible windows, altered cursors and unknown runs and jobs with clear messages", async () => {
    const to = new Date();
    expect(timelineInput.safeParse({ from: to, to: new Date(to.getTime() - 1) }).error?.issues[0]?.message).toBe("must be after the start of the window");
    expect(timelineInput.safeParse({ from: new Date(0), to }).error?.issues[0]?.message).toBe("the window may span at most 7 days");
    expect(runsListInput.safeParse({ from: to, to: new Date(0) }).error?.issues[0]?.message).toBe("must not be before the start of the range");
    expect(runsListInput.safeParse({ minSeconds: 10, maxSeconds: 5 }).error?.issues[0]?.message).toBe("must not be below the shortest duration");
    expect(runsListInput.safeParse({ minSeconds: -1 }).success).toBe(false);
    expect(pipelinesListInput.safeParse({ window: "1y" }).error?.issues[0]?.message).toBe("must be 24h, 7d or 30d");
    const cursorError = await domainErrorOf(listRuns({ ctx: ctx(), input: runsListInput.parse({ cursor: "not-a-cursor" }) }));
    expect(cursorError).toMatchObject({ code: "BAD_REQUEST", message: "This page link is not valid any more: go back to the first page." });
    const forged = Buffer.from(JSON.stringify(["yesterday", "x'; DROP TABLE users; --"])).toString("base64url");
    expect((await domainErrorOf(listRuns({ ctx: ctx(), input: runsListInput.parse({ cursor: forged }) }))).code).toBe("BAD_REQUEST");
    expect(await domainErrorOf(runDetail({ ctx: ctx(), input: { runId: uuid() } }))).toMatchObject({ code: "NOT_FOUND", message: "No run with this id has been reported." });
    expect((await domainErrorOf(jobDetail({ ctx: ctx(), input: jobDetailInput.parse({ namespace: NS, name: "missing" }) }))).code).toBe("NOT_FOUND");
    expect(runDetailInput.safeParse({ runId: "42" }).error?.issues[0]?.message).toBe("must be a run id");
  });
});

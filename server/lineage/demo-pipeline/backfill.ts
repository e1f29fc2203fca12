// A plausible history for the demo pipeline, so the dashboards (/pipelines, a job's trend and
// heatmap, runs per day, the timeline) are filled from the first start: the DAG's runs of the
// last days at its cadence, ending just before its first real build, with realistic durations,
// a few failed builds and a few late ones. They are OpenLineage events through ingestLineage,
// the path every producer's runs take, built from the real tasks' SQL lineage.
//
// Once: the caller holds the demo pipeline's advisory lock (lock.ts); the history is anchored on
// the first real build and every run id is derived from (anchor, slot), so a backfill cut short
// (a crash) and run again sends the same events, which ingestion stores once. It is done when
// the newest slot's DAG run exists — the events go oldest first.
import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Db } from "../../db/client";
import type { DemoBuildReport, DemoTask } from "../../engines/duckdb/demo-lakehouse";
import { ingestOwnEvents, PORTAL_JOB_NAMESPACE, PORTAL_PRODUCER } from "../portal-producer";
import { DEMO_DAG, demoRunEventsOf, demoTaskLineage } from "./events";
import { PORTAL_ACTOR } from "./run";

/** The run facet that marks a run as backfilled history (shown among the run's facets). */
export const BACKFILL_FACET = "portalDemoBackfill";
/** At most this many DAG runs, whatever the cadence (a 5-minute cadence gets a shorter history). */
export const MAX_BACKFILL_RUNS = 400;
/** Events per ingestion call: each is one transaction per 2,000 events (server/lineage/ingest.ts). */
const EVENTS_PER_CALL = 2_000;

export type BackfillOptions = {
  db: Db;
  connect: () => Promise<DuckDBConnection>;
  tasks: DemoTask[];
  intervalMinutes: number;
  days: number;
};

/** A number in [0, 1) fixed by `key`: the same history every time it is built for an anchor. */
function unit(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** A stable UUID (version 8, RFC 9562) for `key`. */
export function stableUuid(key: string): string {
  const b = createHash("sha256").update(key).digest();
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Typical milliseconds of a task of the demo lakehouse (views are instant, the 3-million-row table is not). */
function typicalMs(taskId: string): number {
  if (taskId === "create_schemas") return 40;
  if (taskId.startsWith("raw_")) return 150;
  if (taskId === "staging_flights") return 5_500;
  if (taskId.startsWith("staging_")) return 450;
  return 1_400;
}

const FAILURES = [
  "Out of Memory Error: could not allocate block of size 256.0 KiB (1.4 GiB/1.5 GiB used)",
  'IO Error: No files found that match the pattern "raw/flights/flights-3m.parquet"',
  'Binder Error: Referenced column "delay" not found in FROM clause!',
];

/** The earliest real (not backfilled) start of the DAG, or null before its first build. */
async function anchorOf(db: Db): Promise<Date | null> {
  const rows = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min(coalesce(r.nominal_start_at, r.started_at, r.created_at)) AS at FROM lineage_runs r
      JOIN lineage_jobs j ON j.id = r.job_id JOIN lineage_namespaces n ON n.id = j.namespace_id
     WHERE n.name = ${PORTAL_JOB_NAMESPACE} AND j.name = ${DEMO_DAG} AND NOT (r.facets ? ${BACKFILL_FACET})`;
  return rows[0]?.at ?? null;
}

/** One slot's build: `k` intervals before the anchor. Slot 2 fails and slot 3 starts late, so the last day always has both. */
export function backfilledReport(tasks: DemoTask[], anchor: Date, k: number, intervalMinutes: number): { report: DemoBuildReport; nominal: Date } {
  const key = `${anchor.toISOString()}:${k}`;
  const nominal = new Date(anchor.getTime() - k * intervalMinutes * 60_000);
  const late = k === 3 || unit(`${key}:late`) < 0.02;
  const fails = k === 2 || unit(`${key}:fail`) < 0.04;
  // Scheduler lag of a few seconds; a late run waited for a worker for 20–45 minutes.
  const delayMs = late ? (20 + unit(`${key}:delay`) * 25) * 60_000 : 1_000 + unit(`${key}:lag`) * 8_000;
  // Durations drift over the day (busier hours) and jitter ±20 %.
  const hour = nominal.getUTCHours();
  const daily = 1 + 0.25 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
  const failAt = fails ? Math.floor(tasks.length / 2 + unit(`${key}:where`) * (tasks.length / 2)) : -1;
  const error = fails ? FAILURES[Math.floor(unit(`${key}:why`) * FAILURES.length)]! : null;
  let at = nominal.getTime() + delayMs;
  const startedAt = new Date(at);
  const done: DemoBuildReport["tasks"] = [];
  for (const [i, task] of tasks.entries()) {
    if (failAt >= 0 && i > failAt) break;
    const ms = Math.round(typicalMs(task.id) * daily * (0.8 + unit(`${key}:${task.id}`) * 0.4) * (i === failAt ? 0.6 : 1));
    done.push({ task, startedAt: new Date(at), endedAt: new Date(at + ms), error: i === failAt ? error : null });
    at += ms + 20;
  }
  return { report: { startedAt, endedAt: new Date(at + 30), tasks: done, error }, nominal };
}

/** Fills the history once; the number of DAG runs it sent, or 0 when there is nothing to do. */
export async function backfillDemoHistory(options: BackfillOptions): Promise<number> {
  const { db, intervalMinutes } = options;
  const slots = Math.min(MAX_BACKFILL_RUNS, Math.floor((options.days * 24 * 60) / intervalMinutes));
  if (slots <= 0) return 0;
  const anchor = await anchorOf(db);
  if (!anchor) return 0; // the first build records the first run; the history is drawn back from it
  const runIdOf = (k: number) => (key: string) => stableUuid(`${DEMO_DAG}:${anchor.toISOString()}:${k}:${key}`);
  if (await db.lineageRun.findUnique({ where: { id: runIdOf(1)("dag") }, select: { id: true } })) return 0;

  const conn = await options.connect();
  let lineage;
  try {
    lineage = await demoTaskLineage(options.tasks, conn);
  } finally {
    conn.disconnectSync();
  }
  const facet = { _producer: PORTAL_PRODUCER, _schemaURL: `${PORTAL_PRODUCER}/facets/PortalDemoBackfillRunFacet.json`, anchor: anchor.toISOString() };
  let batch: Record<string, unknown>[] = [];
  for (let k = slots; k >= 1; k--) {
    const { report, nominal } = backfilledReport(options.tasks, anchor, k, intervalMinutes);
    const run = demoRunEventsOf(report, lineage, {
      nominal: { start: nominal, end: new Date(nominal.getTime() + intervalMinutes * 60_000) },
      runIdOf: runIdOf(k),
      runFacets: { [BACKFILL_FACET]: facet },
    });
    batch.push(...run.events);
    if (batch.length >= EVENTS_PER_CALL || k === 1) {
      await ingestOwnEvents({ user: PORTAL_ACTOR, ip: null, db }, batch);
      batch = [];
    }
  }
  return slots;
}

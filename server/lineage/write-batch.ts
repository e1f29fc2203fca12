// Writes a batch of checked events in one transaction with set-based SQL: each table gets one
// multi-row statement (its rows as one JSON text, ingest-json-rows.ts; ON CONFLICT), so a batch of thousands of events costs
// about fifteen round trips. Rows are aggregated per key in JS first (ON CONFLICT may not touch
// a row twice in one statement) and sent in key order, so concurrent batches lock rows in the
// same order. The rules (server/lineage/README.md):
// - the same event (same canonical JSON) is stored once: the raw insert decides what is new;
// - a run's state follows event time, but a terminal state (COMPLETE, FAIL, ABORT) beats START
//   and RUNNING whatever their times; inputs and outputs accumulate over all its events;
// - a job→dataset edge is valid from the first event that showed it; a COMPLETE whose run (all
//   its events) no longer has it, and which is the job's newest completion, ends it.
import { createHash } from "node:crypto";
import { Prisma } from "../db/generated/client";
import { isoOfMicros } from "./event-time";
import { objectOf, relinkLineageDatasets } from "./catalog-link";
import { jsonRows, jsonRowsOfText } from "./ingest-json-rows";
import type { SqlClient } from "./ingest-sql";
import type { DatasetFacts, NormalisedEvent } from "./normalise-event";

type Tx = SqlClient;
type Key = string;
const SEP = "\u0000";
const key = (...parts: string[]): Key => parts.join(SEP);
const TERMINAL = new Set(["COMPLETE", "FAIL", "ABORT"]);
/** NEW: a run known only from OTHER events; START/RUNNING; then the terminal states. */
const rank = (state: string) => (state === "NEW" ? -1 : TERMINAL.has(state) ? 1 : 0);
const rankSql = (column: string) => Prisma.raw(`(CASE ${column} WHEN 'NEW' THEN -1 WHEN 'START' THEN 0 WHEN 'RUNNING' THEN 0 ELSE 1 END)`);
const json = (value: unknown) => JSON.stringify(value);

/** A map's values in the order of their keys (the lock order); the keys are built once, not per comparison. */
const byKey = <T>(map: Map<Key, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

type Span = { first: bigint; last: bigint };
const widen = (span: Span | undefined, t: bigint): Span => (span ? { first: t < span.first ? t : span.first, last: t > span.last ? t : span.last } : { first: t, last: t });

type DatasetRow = {
  namespace: string;
  name: string;
  facets: Record<string, unknown>;
  fields: unknown[] | null;
  description: string | null;
  sourceName: string | null;
  lifecycle: string | null;
  span: Span;
};
type JobRow = Omit<NonNullable<NormalisedEvent["job"]>, "namespace" | "name"> & { namespace: string; name: string; span: Span };
type RunRow = {
  runId: string;
  job: Key;
  state: string;
  stateAt: bigint;
  startedAt: bigint | null;
  endedAt: bigint | null;
  run: NonNullable<NormalisedEvent["run"]>;
  facets: Record<string, unknown>;
  span: Span;
};

export type StoredEvent = NormalisedEvent & { receivedBy: string | null };

const RUN_COLUMNS = [
  ["id", "uuid"],
  ["job", "bigint"],
  ["state", "text"],
  ["state_at", "timestamptz"],
  ["started_at", "timestamptz"],
  ["ended_at", "timestamptz"],
  ["nominal_start_at", "timestamptz"],
  ["nominal_end_at", "timestamptz"],
  ["parent_run", "uuid"],
  ["parent_ns", "text"],
  ["parent_name", "text"],
  ["root_run", "uuid"],
  ["root_ns", "text"],
  ["root_name", "text"],
  ["error_message", "text"],
  ["facets", "jsonb"],
  ["first_at", "timestamptz"],
  ["last_at", "timestamptz"],
] as const;
const RAW_COLUMNS = [
  ["hash", "text"],
  ["kind", "text"],
  ["type", "text"],
  ["at", "timestamptz"],
  ["run", "uuid"],
  ["ns", "text"],
  ["job", "text"],
  ["producer", "text"],
  ["spec", "text"],
  ["by", "uuid"],
  ["payload", "jsonb"],
] as const;

/** Stores the events (already unique by hash among themselves); returns the hashes that were new. */
export async function writeBatch(tx: Tx, events: StoredEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  // Each row ends with the event's own canonical JSON text, embedded as it is (not serialised again).
  const rowsText = `[${events
    .map((e) => {
      const head = json([e.hash, e.kind, e.eventType, e.time.iso, e.run?.runId ?? null, e.job?.namespace ?? null, e.job?.name ?? null, e.producer, e.specVersion, e.receivedBy]);
      return `${head.slice(0, -1)},${e.json}]`;
    })
    .join(",")}]`;
  const rows = jsonRowsOfText(RAW_COLUMNS, rowsText);
  const inserted = await tx.$queryRaw<{ id: string; event_hash: string }[]>`
    INSERT INTO lineage_raw_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace, job_name, producer, spec_version, received_by, payload)
    SELECT * FROM ${rows} AS u
    ON CONFLICT (event_hash) DO NOTHING
    RETURNING id::text, event_hash`;
  const rawIds = new Map(inserted.map((r) => [r.event_hash, r.id]));
  const fresh = events.filter((e) => rawIds.has(e.hash)).sort((a, b) => (a.time.micros < b.time.micros ? -1 : a.time.micros > b.time.micros ? 1 : 0));
  if (fresh.length) await normalise(tx, fresh, rawIds);
  return new Set(rawIds.keys());
}

async function normalise(tx: Tx, events: StoredEvent[], rawIds: Map<string, string>) {
  // Most times of a batch are its events' times, written to several tables: formatted once each.
  const isoText = new Map<bigint, string>();
  const iso = (t: bigint) => {
    let text = isoText.get(t);
    if (text === undefined) isoText.set(t, (text = isoOfMicros(t)));
    return text;
  };
  // ---- aggregate per key, in event-time order (later facts override earlier ones) ----
  const datasets = new Map<Key, DatasetRow>();
  const jobs = new Map<Key, JobRow>();
  const runs = new Map<Key, RunRow>();
  const states: { runId: string; type: string; at: bigint; rawId: string }[] = [];
  const runDatasets = new Map<Key, { runId: string; dataset: Key; direction: string; span: Span; version: string | null }>();
  const edges = new Map<Key, { job: Key; dataset: Key; direction: string; span: Span; runId: string | null }>();
  const datasetVersions = new Map<Key, { dataset: Key; version: string; fields: unknown[]; runId: string | null; at: bigint }>();
  const columnEdges = new Map<Key, { output: Key; input: Key; dep: DatasetFacts["columnLineage"][number]; job: Key | null; span: Span }>();
  const symlinks = new Map<Key, { dataset: Key; namespace: string; name: string; type: string }>();
  const completions: { runId: string | null; job: Key; at: bigint; inputs: Key[] | null; outputs: Key[] | null }[] = [];
  const namespaces = new Map<string, bigint>();
  /** Runs that are COMPLETE once this batch is in, with their end (see below). */
  const finished = new Map<string, bigint>();

  const seeNamespace = (name: string, t: bigint) => namespaces.set(name, (namespaces.get(name) ?? t) > t ? namespaces.get(name)! : t);
  const seeDataset = (d: Pick<DatasetFacts, "namespace" | "name"> & Partial<DatasetFacts>, t: bigint): Key => {
    const k = key(d.namespace, d.name);
    seeNamespace(d.namespace, t);
    const row = datasets.get(k) ?? {
      namespace: d.namespace,
      name: d.name,
      facets: {},
      fields: null,
      description: null,
      sourceName: null,
      lifecycle: null,
      span: { first: t, last: t },
    };
    row.span = widen(row.span, t);
    Object.assign(row.facets, d.facets ?? {});
    if (d.fields?.length) row.fields = d.fields;
    row.description = d.description ?? row.description;
    row.sourceName = d.sourceName ?? row.sourceName;
    row.lifecycle = d.lifecycleState ?? row.lifecycle;
    datasets.set(k, row);
    for (const s of d.symlinks ?? []) symlinks.set(key(k, s.namespace, s.name), { dataset: k, ...s });
    return k;
  };
  const seeJob = (j: { namespace: string; name: string } & Partial<JobRow>, t: bigint): Key => {
    const k = key(j.namespace, j.name);
    seeNamespace(j.namespace, t);
    const row: JobRow = jobs.get(k) ?? {
      namespace: j.namespace,
      name: j.name,
      facets: {},
      jobType: null,
      processingType: null,
      integration: null,
      sql: null,
      sqlDialect: null,
      sourceType: null,
      sourceUrl: null,
      description: null,
      span: { first: t, last: t },
    };
    row.span = widen(row.span, t);
    Object.assign(row.facets, j.facets ?? {});
    for (const field of ["jobType", "processingType", "integration", "sql", "sqlDialect", "sourceType", "sourceUrl", "description"] as const) row[field] = j[field] ?? row[field];
    jobs.set(k, row);
    return k;
  };

  for (const e of events) {
    const t = e.time.micros;
    if (e.dataset) {
      const d = seeDataset(e.dataset, t);
      seeColumnLineage(e.dataset, d, null, t);
      if (e.dataset.fields?.length) seeVersion(d, e.dataset, null, t);
    }
    if (!e.job) continue;
    const job = seeJob(e.job, t);
    const run = e.run;
    const runId = run?.runId ?? null;
    if (run) {
      if (run.parent) seeJob({ namespace: run.parent.namespace, name: run.parent.name }, t);
      const type = e.eventType ?? "OTHER";
      states.push({ runId: run.runId, type, at: t, rawId: rawIds.get(e.hash)! });
      const row: RunRow = runs.get(run.runId) ?? { runId: run.runId, job, state: "NEW", stateAt: t, startedAt: null, endedAt: null, run, facets: {}, span: { first: t, last: t } };
      row.job = job;
      row.span = widen(row.span, t);
      Object.assign(row.facets, run.facets);
      row.run = {
        ...row.run,
        parent: run.parent ?? row.run.parent,
        root: run.root ?? row.run.root,
        nominalStart: run.nominalStart ?? row.run.nominalStart,
        nominalEnd: run.nominalEnd ?? row.run.nominalEnd,
        errorMessage: run.errorMessage ?? row.run.errorMessage,
      };
      if (type !== "OTHER" && (rank(type) > rank(row.state) || (rank(type) === rank(row.state) && t >= row.stateAt))) {
        row.state = type;
        row.stateAt = t;
        if (TERMINAL.has(type)) row.endedAt = t;
      }
      if (type === "START") row.startedAt = row.startedAt === null || t < row.startedAt ? t : row.startedAt;
      runs.set(run.runId, row);
      if (type === "COMPLETE") completions.push({ runId: run.runId, job, at: t, inputs: null, outputs: null });
    }
    const ins = e.inputs.map((d) => seeDataset(d, t));
    const outs = e.outputs.map((d) => seeDataset(d, t));
    e.outputs.forEach((d, i) => {
      seeColumnLineage(d, outs[i]!, job, t);
      if (runId || d.version || d.fields?.length) seeVersion(outs[i]!, d, runId, t);
    });
    e.inputs.forEach((d, i) => d.fields?.length && seeVersion(ins[i]!, d, null, t));
    for (const [list, direction] of [
      [ins, "input"],
      [outs, "output"],
    ] as const) {
      for (const d of list) {
        const ek = key(job, d, direction);
        const edge = edges.get(ek);
        edges.set(ek, { job, dataset: d, direction, span: widen(edge?.span, t), runId: !edge || t >= edge.span.last ? runId : edge.runId });
        if (runId) {
          const rk = key(runId, d, direction);
          const rd = runDatasets.get(rk);
          runDatasets.set(rk, {
            runId,
            dataset: d,
            direction,
            span: widen(rd?.span, t),
            version: direction === "output" ? versionOf(e.outputs[outs.indexOf(d)]!, runId) : (rd?.version ?? null),
          });
        }
      }
    }
    // A JobEvent states the job's inputs and outputs by itself.
    if (e.kind === "JobEvent") completions.push({ runId: null, job, at: t, inputs: ins, outputs: outs });
  }

  function versionOf(d: DatasetFacts, runId: string | null): string {
    if (d.version) return d.version;
    if (runId) return `run:${runId}`;
    return `schema:${createHash("sha256")
      .update(json(d.fields ?? []))
      .digest("hex")
      .slice(0, 32)}`;
  }
  function seeVersion(dataset: Key, d: DatasetFacts, runId: string | null, t: bigint) {
    const version = versionOf(d, runId);
    const vk = key(dataset, version);
    const existing = datasetVersions.get(vk);
    datasetVersions.set(vk, { dataset, version, fields: d.fields?.length ? d.fields : (existing?.fields ?? []), runId, at: existing && existing.at < t ? existing.at : t });
  }
  function seeColumnLineage(d: DatasetFacts, output: Key, job: Key | null, t: bigint) {
    for (const dep of d.columnLineage) {
      const input = seeDataset({ namespace: dep.input.namespace, name: dep.input.name }, t);
      const ck = key(output, dep.outputField, input, dep.inputField, dep.type, dep.subtype);
      const existing = columnEdges.get(ck);
      columnEdges.set(ck, { output, input, dep, job: job ?? existing?.job ?? null, span: widen(existing?.span, t) });
    }
  }

  // ---- namespaces ----
  const nsNames = [...namespaces.keys()].sort();
  const nsRows = await tx.$queryRaw<{ id: string; name: string }[]>`
    INSERT INTO lineage_namespaces AS n (name, updated_at)
    SELECT * FROM ${jsonRows(
      [
        ["name", "text"],
        ["at", "timestamptz"],
      ],
      nsNames.map((n) => [n, iso(namespaces.get(n)!)]),
    )} AS t
    ON CONFLICT (name) DO UPDATE SET updated_at = greatest(n.updated_at, excluded.updated_at)
    RETURNING id::text, name`;
  const nsId = new Map(nsRows.map((r) => [r.name, r.id]));

  // ---- datasets ----
  const dsList = [...datasets.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const objects = dsList.map(([, d]) => objectOf(d.namespace, d.name));
  const dsRows = await tx.$queryRaw<{ id: string; ns: string; name: string }[]>`
    INSERT INTO lineage_datasets AS d (namespace_id, name, fields, facets, description, source_name, object_bucket, object_key, lifecycle_state, created_at, updated_at)
    SELECT t.ns, t.name, coalesce(t.fields, '[]'::jsonb), t.facets, t.description, t.source, t.bucket, t.key, t.lifecycle, t.first_at, t.last_at
      FROM ${jsonRows(
        [
          ["ns", "bigint"],
          ["name", "text"],
          ["fields", "jsonb"],
          ["facets", "jsonb"],
          ["description", "text"],
          ["source", "text"],
          ["bucket", "text"],
          ["key", "text"],
          ["lifecycle", "text"],
          ["first_at", "timestamptz"],
          ["last_at", "timestamptz"],
        ],
        dsList.map(([, d], i) => [
          nsId.get(d.namespace)!,
          d.name,
          d.fields ?? [],
          d.facets,
          d.description,
          d.sourceName,
          objects[i]?.bucket ?? null,
          objects[i]?.key ?? null,
          d.lifecycle,
          iso(d.span.first),
          iso(d.span.last),
        ]),
      )} AS t
    ON CONFLICT (namespace_id, name) DO UPDATE SET
      fields = CASE WHEN excluded.fields <> '[]'::jsonb AND (excluded.updated_at >= d.updated_at OR d.fields = '[]'::jsonb) THEN excluded.fields ELSE d.fields END,
      facets = CASE WHEN excluded.updated_at >= d.updated_at THEN d.facets || excluded.facets ELSE excluded.facets || d.facets END,
      description = CASE WHEN excluded.updated_at >= d.updated_at THEN coalesce(excluded.description, d.description) ELSE coalesce(d.description, excluded.description) END,
      source_name = CASE WHEN excluded.updated_at >= d.updated_at THEN coalesce(excluded.source_name, d.source_name) ELSE coalesce(d.source_name, excluded.source_name) END,
      lifecycle_state = CASE WHEN excluded.updated_at >= d.updated_at THEN coalesce(excluded.lifecycle_state, d.lifecycle_state) ELSE coalesce(d.lifecycle_state, excluded.lifecycle_state) END,
      created_at = least(d.created_at, excluded.created_at),
      updated_at = greatest(d.updated_at, excluded.updated_at)
    RETURNING id::text, namespace_id::text AS ns, name`;
  const nsNameOf = new Map(nsRows.map((r) => [r.id, r.name]));
  const dsId = new Map(dsRows.map((r) => [key(nsNameOf.get(r.ns)!, r.name), r.id]));

  if (symlinks.size) {
    const list = byKey(symlinks);
    await tx.$executeRaw`
      INSERT INTO lineage_dataset_symlinks AS s (dataset_id, namespace, name, type)
      SELECT * FROM ${jsonRows(
        [
          ["dataset", "bigint"],
          ["namespace", "text"],
          ["name", "text"],
          ["type", "text"],
        ],
        list.map((s) => [dsId.get(s.dataset)!, s.namespace, s.name, s.type]),
      )} AS t
      ON CONFLICT (dataset_id, namespace, name) DO UPDATE SET type = excluded.type`;
  }

  const versionIds = new Map<Key, string>();
  if (datasetVersions.size) {
    const list = [...datasetVersions.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const rows = await tx.$queryRaw<{ id: string; dataset_id: string; version: string }[]>`
      INSERT INTO lineage_dataset_versions AS v (dataset_id, version, fields, run_id, created_at)
      SELECT * FROM ${jsonRows(
        [
          ["dataset", "bigint"],
          ["version", "text"],
          ["fields", "jsonb"],
          ["run", "uuid"],
          ["at", "timestamptz"],
        ],
        list.map(([, v]) => [dsId.get(v.dataset)!, v.version, v.fields, v.runId, iso(v.at)]),
      )} AS t
      ON CONFLICT (dataset_id, version) DO UPDATE SET
        fields = CASE WHEN excluded.fields <> '[]'::jsonb THEN excluded.fields ELSE v.fields END,
        run_id = coalesce(v.run_id, excluded.run_id),
        created_at = least(v.created_at, excluded.created_at)
      RETURNING id::text, dataset_id::text, version`;
    const byId = new Map([...dsId.entries()].map(([k, id]) => [id, k]));
    for (const r of rows) versionIds.set(key(byId.get(r.dataset_id)!, r.version), r.id);
    // The dataset's current version: its newest, unless an older event brought this one.
    await tx.$executeRaw`
      UPDATE lineage_datasets d SET current_version_id = v.id
        FROM (SELECT DISTINCT ON (dataset_id) id, dataset_id, created_at FROM lineage_dataset_versions
               WHERE id = ANY(${rows.map((r) => r.id)}::bigint[]) ORDER BY dataset_id, created_at DESC, id DESC) v
       WHERE d.id = v.dataset_id
         AND (d.current_version_id IS NULL OR v.created_at >= (SELECT created_at FROM lineage_dataset_versions WHERE id = d.current_version_id))`;
  }

  // ---- jobs ----
  const jobList = [...jobs.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const jobRows = await tx.$queryRaw<{ id: string; ns: string; name: string; sql: string | null; source_url: string | null }[]>`
    INSERT INTO lineage_jobs AS j (namespace_id, name, job_type, processing_type, integration, sql, sql_dialect, source_type, source_url, description, facets, created_at, updated_at)
    SELECT * FROM ${jsonRows(
      [
        ["ns", "bigint"],
        ["name", "text"],
        ["job_type", "text"],
        ["processing_type", "text"],
        ["integration", "text"],
        ["sql", "text"],
        ["sql_dialect", "text"],
        ["source_type", "text"],
        ["source_url", "text"],
        ["description", "text"],
        ["facets", "jsonb"],
        ["first_at", "timestamptz"],
        ["last_at", "timestamptz"],
      ],
      jobList.map(([, j]) => [
        nsId.get(j.namespace)!,
        j.name,
        j.jobType,
        j.processingType,
        j.integration,
        j.sql,
        j.sqlDialect,
        j.sourceType,
        j.sourceUrl,
        j.description,
        j.facets,
        iso(j.span.first),
        iso(j.span.last),
      ]),
    )} AS t
    ON CONFLICT (namespace_id, name) DO UPDATE SET
      job_type = ${newer("job_type")}, processing_type = ${newer("processing_type")}, integration = ${newer("integration")}, sql = ${newer("sql")},
      sql_dialect = ${newer("sql_dialect")}, source_type = ${newer("source_type")}, source_url = ${newer("source_url")}, description = ${newer("description")},
      facets = CASE WHEN excluded.updated_at >= j.updated_at THEN j.facets || excluded.facets ELSE excluded.facets || j.facets END,
      created_at = least(j.created_at, excluded.created_at),
      updated_at = greatest(j.updated_at, excluded.updated_at)
    RETURNING id::text, namespace_id::text AS ns, name, sql, source_url`;
  const jobId = new Map(jobRows.map((r) => [key(nsNameOf.get(r.ns)!, r.name), r.id]));
  // What a job version's identity includes besides its datasets (applyCompletions), as stored now.
  const jobCode = new Map(jobRows.map((r) => [r.id, { sql: r.sql, sourceUrl: r.source_url }]));

  // ---- runs, their states and datasets ----
  if (runs.size) {
    const list = [...runs.values()].sort((a, b) => (a.runId < b.runId ? -1 : 1));
    const at = (v: bigint | null | undefined) => (v === null || v === undefined ? null : iso(v));
    // Returns the runs that are COMPLETE after this batch: a late event of such a run (a START
    // that brings the inputs after the COMPLETE) still belongs to its completion, applied again.
    const done = await tx.$queryRaw<{ id: string; micros: string }[]>`
      WITH upserted AS (
      INSERT INTO lineage_runs AS r (id, job_id, state, state_at, started_at, ended_at, nominal_start_at, nominal_end_at, parent_run_id, parent_job_namespace, parent_job_name,
                                     root_run_id, root_job_namespace, root_job_name, error_message, facets, created_at, updated_at)
      SELECT * FROM ${jsonRows(
        RUN_COLUMNS,
        list.map((r) => [
          r.runId,
          jobId.get(r.job)!,
          r.state,
          iso(r.stateAt),
          at(r.startedAt),
          at(r.endedAt),
          r.run.nominalStart?.iso ?? null,
          r.run.nominalEnd?.iso ?? null,
          uuidOrNull(r.run.parent?.runId),
          r.run.parent?.namespace ?? null,
          r.run.parent?.name ?? null,
          uuidOrNull(r.run.root?.runId),
          r.run.root?.namespace ?? null,
          r.run.root?.name ?? null,
          r.run.errorMessage,
          r.facets,
          iso(r.span.first),
          iso(r.span.last),
        ]),
      )} AS t
      ON CONFLICT (id) DO UPDATE SET
        job_id = excluded.job_id,
        state = CASE WHEN (${rankSql("excluded.state")}, excluded.state_at) >= (${rankSql("r.state")}, r.state_at) THEN excluded.state ELSE r.state END,
        state_at = CASE WHEN (${rankSql("excluded.state")}, excluded.state_at) >= (${rankSql("r.state")}, r.state_at) THEN excluded.state_at ELSE r.state_at END,
        ended_at = CASE WHEN excluded.ended_at IS NOT NULL AND (${rankSql("excluded.state")}, excluded.state_at) >= (${rankSql("r.state")}, r.state_at) THEN excluded.ended_at ELSE r.ended_at END,
        started_at = least(r.started_at, excluded.started_at),
        nominal_start_at = coalesce(excluded.nominal_start_at, r.nominal_start_at),
        nominal_end_at = coalesce(excluded.nominal_end_at, r.nominal_end_at),
        parent_run_id = coalesce(excluded.parent_run_id, r.parent_run_id),
        parent_job_namespace = coalesce(excluded.parent_job_namespace, r.parent_job_namespace),
        parent_job_name = coalesce(excluded.parent_job_name, r.parent_job_name),
        root_run_id = coalesce(excluded.root_run_id, r.root_run_id),
        root_job_namespace = coalesce(excluded.root_job_namespace, r.root_job_namespace),
        root_job_name = coalesce(excluded.root_job_name, r.root_job_name),
        error_message = coalesce(excluded.error_message, r.error_message),
        facets = CASE WHEN excluded.updated_at >= r.updated_at THEN r.facets || excluded.facets ELSE excluded.facets || r.facets END,
        created_at = least(r.created_at, excluded.created_at),
        updated_at = greatest(r.updated_at, excluded.updated_at)
      RETURNING r.id, r.state, r.ended_at)
      SELECT id::text, (extract(epoch FROM ended_at) * 1000000)::bigint::text AS micros FROM upserted WHERE state = 'COMPLETE' AND ended_at IS NOT NULL`;
    await tx.$executeRaw`
      INSERT INTO lineage_run_states (run_id, event_type, event_time, raw_event_id)
      SELECT * FROM ${jsonRows(
        [
          ["run", "uuid"],
          ["type", "text"],
          ["at", "timestamptz"],
          ["raw", "bigint"],
        ],
        states.map((s) => [s.runId, s.type, iso(s.at), s.rawId]),
      )} AS t`;
    const completed = new Set(completions.map((c) => c.runId));
    for (const r of done) {
      finished.set(r.id, BigInt(r.micros));
      if (!completed.has(r.id)) completions.push({ runId: r.id, job: runs.get(r.id)!.job, at: BigInt(r.micros), inputs: null, outputs: null });
    }
    // The parent job of each run's job (ParentRunFacet), now that both exist.
    const withParent = list.filter((r) => r.run.parent);
    if (withParent.length) {
      await tx.$executeRaw`
        UPDATE lineage_jobs j SET parent_job_id = t.parent
          FROM ${jsonRows(
            [
              ["job", "bigint"],
              ["parent", "bigint"],
            ],
            withParent.map((r) => [jobId.get(r.job)!, jobId.get(key(r.run.parent!.namespace, r.run.parent!.name))!]),
          )} AS t
         WHERE j.id = t.job AND j.id <> t.parent`;
    }
  }
  if (runDatasets.size) {
    const list = byKey(runDatasets);
    await tx.$executeRaw`
      INSERT INTO lineage_run_datasets AS rd (run_id, dataset_id, direction, version_id, first_seen_at, last_seen_at)
      SELECT * FROM ${jsonRows(
        [
          ["run", "uuid"],
          ["dataset", "bigint"],
          ["direction", "text"],
          ["version", "bigint"],
          ["first_at", "timestamptz"],
          ["last_at", "timestamptz"],
        ],
        list.map((r) => [r.runId, dsId.get(r.dataset)!, r.direction, r.version ? (versionIds.get(key(r.dataset, r.version)) ?? null) : null, iso(r.span.first), iso(r.span.last)]),
      )} AS t
      ON CONFLICT (run_id, dataset_id, direction) DO UPDATE SET
        version_id = coalesce(excluded.version_id, rd.version_id),
        first_seen_at = least(rd.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(rd.last_seen_at, excluded.last_seen_at)`;
  }

  // ---- the graph: open edges first, then completions end what their job no longer has ----
  if (edges.size) {
    const list = byKey(edges);
    // An event older than the job's current version does not reopen an edge that version ended,
    // unless its run is the one that made that version (its datasets accumulate).
    const runEnd = (runId: string | null) => (runId && finished.has(runId) ? iso(finished.get(runId)!) : null);
    await tx.$executeRaw`
      INSERT INTO lineage_edges AS e (job_id, dataset_id, direction, valid_from, last_seen_at, last_run_id)
      SELECT t.job, t.ds, t.dir, t.first_at, t.last_at, t.run
        FROM ${jsonRows(
          [
            ["job", "bigint"],
            ["ds", "bigint"],
            ["dir", "text"],
            ["first_at", "timestamptz"],
            ["last_at", "timestamptz"],
            ["run", "uuid"],
            ["run_end", "timestamptz"],
          ],
          list.map((e) => [jobId.get(e.job)!, dsId.get(e.dataset)!, e.direction, iso(e.span.first), iso(e.span.last), e.runId, runEnd(e.runId)]),
        )} AS t
        JOIN lineage_jobs j ON j.id = t.job
       WHERE j.version_at IS NULL OR t.last_at >= j.version_at OR t.run_end >= j.version_at
          OR EXISTS (SELECT 1 FROM lineage_edges o WHERE o.job_id = t.job AND o.dataset_id = t.ds AND o.direction = t.dir AND o.valid_to IS NULL)
      ON CONFLICT (job_id, dataset_id, direction) WHERE valid_to IS NULL DO UPDATE SET
        valid_from = least(e.valid_from, excluded.valid_from),
        last_seen_at = greatest(e.last_seen_at, excluded.last_seen_at),
        last_run_id = CASE WHEN excluded.last_seen_at >= e.last_seen_at THEN coalesce(excluded.last_run_id, e.last_run_id) ELSE e.last_run_id END`;
  }
  if (completions.length) await applyCompletions(tx, completions, jobId, dsId, jobCode);

  // ---- column lineage ----
  if (columnEdges.size) {
    const list = [...columnEdges.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]) => c);
    await tx.$executeRaw`
      INSERT INTO lineage_column_edges AS c (output_dataset_id, output_field, input_dataset_id, input_field, transformation_type, transformation_subtype, description, masking, job_id, first_seen_at, last_seen_at)
      SELECT * FROM ${jsonRows(
        [
          ["output", "bigint"],
          ["output_field", "text"],
          ["input", "bigint"],
          ["input_field", "text"],
          ["type", "text"],
          ["subtype", "text"],
          ["description", "text"],
          ["masking", "boolean"],
          ["job", "bigint"],
          ["first_at", "timestamptz"],
          ["last_at", "timestamptz"],
        ],
        list.map((c) => [
          dsId.get(c.output)!,
          c.dep.outputField,
          dsId.get(c.input)!,
          c.dep.inputField,
          c.dep.type,
          c.dep.subtype,
          c.dep.description,
          c.dep.masking,
          c.job ? jobId.get(c.job)! : null,
          iso(c.span.first),
          iso(c.span.last),
        ]),
      )} AS t
      ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field, transformation_type, transformation_subtype) DO UPDATE SET
        description = CASE WHEN excluded.last_seen_at >= c.last_seen_at THEN coalesce(excluded.description, c.description) ELSE c.description END,
        masking = CASE WHEN excluded.last_seen_at >= c.last_seen_at THEN excluded.masking ELSE c.masking END,
        job_id = coalesce(excluded.job_id, c.job_id),
        first_seen_at = least(c.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(c.last_seen_at, excluded.last_seen_at)`;
  }

  await relinkLineageDatasets(tx, [...dsId.values()]);
}

/** `column = excluded.column` when the batch's facts are newer, keeping the stored value otherwise (and when the batch has none). */
function newer(column: string) {
  return Prisma.raw(`CASE WHEN excluded.updated_at >= j.updated_at THEN coalesce(excluded.${column}, j.${column}) ELSE coalesce(j.${column}, excluded.${column}) END`);
}

/** Parent run ids come from facets, which the spec types as uuid, but only the run's own id is checked strictly everywhere. */
function uuidOrNull(value: string | undefined): string | null {
  return value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : null;
}

/**
 * A COMPLETE (with everything its run accumulated) or a JobEvent says what the job reads and
 * writes now: it becomes a job version, and — when it is the job's newest — the job's open edges
 * it no longer has end at its time. A completion that names no dataset at all says nothing
 * about the job's lineage (parent DAG runs, BEGIN/COMMIT statements) and makes no version.
 */
async function applyCompletions(
  tx: Tx,
  completions: { runId: string | null; job: Key; at: bigint; inputs: Key[] | null; outputs: Key[] | null }[],
  jobId: Map<Key, string>,
  dsId: Map<Key, string>,
  jobCode: Map<string, { sql: string | null; sourceUrl: string | null }>,
) {
  const runIds = completions.flatMap((c) => (c.runId ? [c.runId] : []));
  const accumulated = runIds.length
    ? await tx.$queryRaw<{ run_id: string; dataset_id: string; direction: string }[]>`
        SELECT run_id::text, dataset_id::text, direction FROM lineage_run_datasets WHERE run_id = ANY(${runIds}::uuid[])`
    : [];
  // Each run's accumulated datasets, by direction (a lookup per completion, not a scan).
  const byRun = new Map<string, { input: string[]; output: string[] }>();
  for (const r of accumulated) {
    const lists = byRun.get(r.run_id) ?? { input: [], output: [] };
    if (r.direction === "input") lists.input.push(r.dataset_id);
    else if (r.direction === "output") lists.output.push(r.dataset_id);
    byRun.set(r.run_id, lists);
  }

  type Version = { job: string; version: string; inputs: string[]; outputs: string[]; runId: string | null; at: bigint };
  const versions: Version[] = [];
  for (const c of completions) {
    const job = jobId.get(c.job)!;
    const ofRun = c.runId ? (byRun.get(c.runId) ?? { input: [], output: [] }) : null;
    const inputs = ofRun ? ofRun.input : (c.inputs ?? []).map((k) => dsId.get(k)!);
    const outputs = ofRun ? ofRun.output : (c.outputs ?? []).map((k) => dsId.get(k)!);
    if (inputs.length + outputs.length === 0) continue;
    const sortIds = (list: string[]) => [...new Set(list)].sort((a, b) => Number(BigInt(a) - BigInt(b)));
    const code = jobCode.get(job);
    const identity = json([sortIds(inputs), sortIds(outputs), code?.sql ?? null, code?.sourceUrl ?? null]);
    versions.push({ job, version: createHash("sha256").update(identity).digest("hex"), inputs: sortIds(inputs), outputs: sortIds(outputs), runId: c.runId, at: c.at });
  }
  if (versions.length === 0) return;

  const unique = new Map<string, Version>();
  for (const v of versions) {
    const k = key(v.job, v.version);
    const seen = unique.get(k);
    if (!seen || v.at < seen.at) unique.set(k, v);
  }
  const list = [...unique.values()].sort((a, b) => (key(a.job, a.version) < key(b.job, b.version) ? -1 : 1));
  const rows = await tx.$queryRaw<{ id: string; job_id: string; version: string }[]>`
    INSERT INTO lineage_job_versions AS v (job_id, version, input_ids, output_ids, run_id, created_at)
    SELECT t.job, t.version, string_to_array(t.inputs, ',')::bigint[], string_to_array(t.outputs, ',')::bigint[], t.run, t.at
      FROM ${jsonRows(
        [
          ["job", "bigint"],
          ["version", "text"],
          ["inputs", "text"],
          ["outputs", "text"],
          ["run", "uuid"],
          ["at", "timestamptz"],
        ],
        list.map((v) => [v.job, v.version, v.inputs.join(","), v.outputs.join(","), v.runId, isoOfMicros(v.at)]),
      )} AS t
    ON CONFLICT (job_id, version) DO UPDATE SET created_at = least(v.created_at, excluded.created_at), run_id = CASE WHEN excluded.created_at < v.created_at THEN excluded.run_id ELSE v.run_id END
    RETURNING id::text, job_id::text, version`;
  const versionId = new Map(rows.map((r) => [key(r.job_id, r.version), r.id]));

  const ofRuns = versions.filter((v) => v.runId);
  if (ofRuns.length) {
    await tx.$executeRaw`
      UPDATE lineage_runs r SET job_version_id = t.version
        FROM ${jsonRows(
          [
            ["run", "uuid"],
            ["version", "bigint"],
          ],
          ofRuns.map((v) => [v.runId, versionId.get(key(v.job, v.version))!]),
        )} AS t
       WHERE r.id = t.run`;
  }
  // The newest completion per job in this batch; it becomes current unless the job has a newer one.
  const newest = new Map<string, Version>();
  for (const v of versions) if (!newest.has(v.job) || v.at >= newest.get(v.job)!.at) newest.set(v.job, v);
  const latest = [...newest.values()].sort((a, b) => Number(BigInt(a.job) - BigInt(b.job)));
  const current = await tx.$queryRaw<{ id: string }[]>`
    UPDATE lineage_jobs j SET current_version_id = t.version, version_at = t.at
      FROM ${jsonRows(
        [
          ["job", "bigint"],
          ["version", "bigint"],
          ["at", "timestamptz"],
        ],
        latest.map((v) => [v.job, versionId.get(key(v.job, v.version))!, isoOfMicros(v.at)]),
      )} AS t
     WHERE j.id = t.job AND (j.version_at IS NULL OR j.version_at <= t.at)
    RETURNING j.id::text`;
  const currentIds = new Set(current.map((c) => c.id));
  const becameCurrent = latest.filter((v) => currentIds.has(v.job));
  if (becameCurrent.length === 0) return;
  const keep = becameCurrent.flatMap((v) => [...v.inputs.map((d) => [v.job, d, "input"]), ...v.outputs.map((d) => [v.job, d, "output"])]);
  await tx.$executeRaw`
    UPDATE lineage_edges e SET valid_to = c.at
      FROM ${jsonRows(
        [
          ["job", "bigint"],
          ["at", "timestamptz"],
        ],
        becameCurrent.map((v) => [v.job, isoOfMicros(v.at)]),
      )} AS c
     WHERE e.job_id = c.job AND e.valid_to IS NULL AND e.valid_from <= c.at
       AND NOT EXISTS (SELECT 1 FROM ${jsonRows(
         [
           ["job", "bigint"],
           ["ds", "bigint"],
           ["dir", "text"],
         ],
         keep,
       )} AS k
                        WHERE k.job = e.job_id AND k.ds = e.dataset_id AND k.dir = e.direction)`;
}

// What the model takes from one checked event: its job, run, datasets and the facets the portal
// understands (schema, symlinks, column lineage, SQL, source location, job type, parent, nominal
// time, error message, documentation, data source, lifecycle, dataset version). The official
// facets were already checked against the spec's schemas (validate-event.ts), so they are read
// with plain typed readers, which still take a part only when it has the right type: a facet of
// an older spec version may lack a part, and nothing here may break ingestion.
import { createHash } from "node:crypto";
import { parseEventTime, type EventTime } from "./event-time";
import type { OlDataset, OlFacets } from "./openlineage-types";
import type { CheckedEvent } from "./validate-event";

export type SchemaField = { name: string; type?: string; description?: string; fields?: SchemaField[] };
export type ColumnDependency = {
  /** '' for a dependency of the whole dataset (the facet's `dataset` list). */
  outputField: string;
  input: { namespace: string; name: string };
  inputField: string;
  type: string;
  subtype: string;
  description: string | null;
  masking: boolean;
};
export type DatasetFacts = {
  namespace: string;
  name: string;
  facets: OlFacets;
  fields: SchemaField[] | null;
  symlinks: { namespace: string; name: string; type: string }[];
  columnLineage: ColumnDependency[];
  description: string | null;
  sourceName: string | null;
  lifecycleState: string | null;
  /** DatasetVersionDatasetFacet.datasetVersion. */
  version: string | null;
};
export type JobFacts = {
  namespace: string;
  name: string;
  facets: OlFacets;
  jobType: string | null;
  processingType: string | null;
  integration: string | null;
  sql: string | null;
  sqlDialect: string | null;
  sourceType: string | null;
  sourceUrl: string | null;
  description: string | null;
};
export type RunFacts = {
  runId: string;
  facets: OlFacets;
  parent: { runId: string; namespace: string; name: string } | null;
  root: { runId: string; namespace: string; name: string } | null;
  nominalStart: EventTime | null;
  nominalEnd: EventTime | null;
  errorMessage: string | null;
};
export type NormalisedEvent = {
  kind: CheckedEvent["kind"];
  specVersion: string;
  /** START … OTHER for run events (OTHER when a 2-x RunEvent leaves it out); null otherwise. */
  eventType: string | null;
  time: EventTime;
  producer: string;
  /** The event's canonical JSON (server/lineage/README.md): hashed, and stored as the raw event. */
  json: string;
  hash: string;
  job: JobFacts | null;
  run: RunFacts | null;
  inputs: DatasetFacts[];
  outputs: DatasetFacts[];
  /** The dataset of a DatasetEvent. */
  dataset: DatasetFacts | null;
};

// Plain readers: each takes what it needs when it has the right type and ignores the rest, so a
// facet of an older spec version (a ParentRunFacet without `root`) or a custom facet that shares
// an official name reads as "not given" instead of breaking ingestion.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj | null => (isObj(v) ? v : null);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
/** A required string property of a facet: the facet counts only when it has it. */
const required = (facet: unknown, name: string): string | null => str(obj(facet)?.[name]) ?? null;

function schemaField(v: unknown): SchemaField | null {
  const f = obj(v);
  const name = str(f?.name);
  if (!f || name === undefined) return null;
  const type = str(f.type);
  const description = str(f.description);
  const nested = Array.isArray(f.fields) ? schemaFields(f.fields) : null;
  return { name, ...(type !== undefined ? { type } : {}), ...(description !== undefined ? { description } : {}), ...(nested?.length ? { fields: nested } : {}) };
}
function time(value: string | undefined): EventTime | null {
  if (!value) return null;
  const parsed = parseEventTime(value);
  return "error" in parsed ? null : parsed;
}

/** All fields, or null when one is not a field (the facet then says nothing, as a refused parse did). */
function schemaFields(v: unknown[]): SchemaField[] | null {
  const out: SchemaField[] = [];
  for (const item of v) {
    const f = schemaField(item);
    if (!f) return null;
    out.push(f);
  }
  return out;
}

type InputField = { namespace: string; name: string; field: string; transformations: { type: string; subtype?: string; description?: string; masking?: boolean }[] | undefined };
function inputField(v: unknown): InputField | null {
  const f = obj(v);
  const namespace = str(f?.namespace);
  const name = str(f?.name);
  const field = str(f?.field);
  if (!f || namespace === undefined || name === undefined || field === undefined) return null;
  const ts = Array.isArray(f.transformations) ? f.transformations.map(obj) : null;
  const transformations =
    ts && ts.every((t) => t !== null)
      ? ts.map((o) => ({ type: str(o!.type) ?? "", subtype: str(o!.subtype), description: str(o!.description), masking: typeof o!.masking === "boolean" ? o!.masking : undefined }))
      : undefined;
  return { namespace, name, field, transformations };
}

/** Every item read, or null when one cannot be (the whole list then says nothing). */
function every<T>(items: unknown, read: (v: unknown) => T | null): T[] | null {
  if (!Array.isArray(items)) return null;
  const out: T[] = [];
  for (const item of items) {
    const value = read(item);
    if (value === null) return null;
    out.push(value);
  }
  return out;
}

function columnDependencies(facet: unknown): { fields: [string, InputField[], Obj][]; dataset: InputField[] } | null {
  const fields = obj(obj(facet)?.fields);
  if (!fields) return null;
  const out: [string, InputField[], Obj][] = [];
  for (const [field, dependency] of Object.entries(fields)) {
    const d = obj(dependency);
    const inputs = every(d?.inputFields, inputField);
    if (!d || !inputs) return null;
    out.push([field, inputs, d]);
  }
  return { fields: out, dataset: every(obj(facet)?.dataset, inputField) ?? [] };
}

function symlinksOf(facet: unknown): { namespace: string; name: string; type: string }[] {
  return (
    every(obj(facet)?.identifiers, (v) => {
      const s = obj(v);
      const namespace = str(s?.namespace);
      const name = str(s?.name);
      return namespace !== undefined && name !== undefined ? { namespace, name, type: str(s?.type) ?? "" } : null;
    }) ?? []
  );
}

function runRef(v: unknown): { runId: string; namespace: string; name: string } | null {
  const r = obj(v);
  const runId = str(obj(r?.run)?.runId);
  const job = obj(r?.job);
  const namespace = str(job?.namespace);
  const name = str(job?.name);
  return runId !== undefined && namespace !== undefined && name !== undefined ? { runId, namespace, name } : null;
}

export function datasetFacts(d: OlDataset): DatasetFacts {
  const facets: OlFacets = { ...(d.facets ?? {}) };
  const lineage = columnDependencies(facets.columnLineage);
  const columnLineage: ColumnDependency[] = [];
  const add = (outputField: string, f: InputField, fallback: { type?: string; description?: string }) => {
    const transformations = f.transformations?.length
      ? f.transformations
      : [{ type: fallback.type ?? "", subtype: undefined, description: fallback.description, masking: undefined }];
    for (const t of transformations) {
      columnLineage.push({
        outputField,
        input: { namespace: f.namespace, name: f.name },
        inputField: f.field,
        type: t.type ?? "",
        subtype: t.subtype ?? "",
        description: t.description ?? null,
        masking: t.masking ?? false,
      });
    }
  };
  for (const [field, inputs, dependency] of lineage?.fields ?? []) {
    for (const f of inputs) add(field, f, { type: str(dependency.transformationType), description: str(dependency.transformationDescription) });
  }
  for (const f of lineage?.dataset ?? []) add("", f, {});
  return {
    namespace: d.namespace,
    name: d.name,
    facets,
    fields: every(obj(facets.schema)?.fields, schemaField),
    symlinks: symlinksOf(facets.symlinks),
    columnLineage,
    description: required(facets.documentation, "description"),
    sourceName: required(facets.dataSource, "name"),
    lifecycleState: required(facets.lifecycleStateChange, "lifecycleStateChange"),
    version: required(facets.version, "datasetVersion"),
  };
}

/** SHA-256 of the event's canonical JSON (keys sorted at every level): the dedupe key. */
export function eventHash(value: unknown): string {
  return hashOf(canonicalJson(value));
}

const hashOf = (canonical: string) => createHash("sha256").update(canonical).digest("hex");

/**
 * The JSON text with keys sorted at every level (undefined members left out, as JSON.stringify
 * does). It is also what is stored: JSONB keeps no key order, so it is the event as sent.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + (value[i] === undefined ? "null" : canonicalJson(value[i]));
    return out + "]";
  }
  if (!isObj(value)) return JSON.stringify(value) ?? "null";
  // As JSON.stringify: a Date (the portal's own events are built in code) is its ISO text.
  if (typeof value.toJSON === "function") return canonicalJson(JSON.parse(JSON.stringify(value)));
  const record = value;
  // The default sort compares UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += (first ? "" : ",") + JSON.stringify(k) + ":" + canonicalJson(v);
    first = false;
  }
  return out + "}";
}

/** `json`: the event's canonical JSON when the caller computed it already. */
export function normaliseEvent(checked: CheckedEvent, json = canonicalJson(checked.event)): NormalisedEvent {
  const { event, kind } = checked;
  let job: JobFacts | null = null;
  if ("job" in event && event.job) {
    const facets: OlFacets = { ...(event.job.facets ?? {}) };
    const sql = obj(facets.sql);
    const hasSql = typeof sql?.query === "string";
    const source = obj(facets.sourceCodeLocation);
    const jobType = obj(facets.jobType);
    job = {
      namespace: event.job.namespace,
      name: event.job.name,
      facets,
      jobType: str(jobType?.jobType) ?? null,
      processingType: str(jobType?.processingType) ?? null,
      integration: str(jobType?.integration) ?? null,
      sql: hasSql ? str(sql.query)! : null,
      sqlDialect: hasSql ? (str(sql.dialect) ?? null) : null,
      sourceType: str(source?.type) ?? null,
      sourceUrl: str(source?.url) ?? null,
      description: required(facets.documentation, "description"),
    };
  }
  let run: RunFacts | null = null;
  let eventType: string | null = null;
  if ("run" in event && event.run) {
    eventType = event.eventType ?? "OTHER";
    const facets: OlFacets = { ...(event.run.facets ?? {}) };
    const parent = runRef(facets.parent);
    const nominalStart = required(facets.nominalTime, "nominalStartTime");
    run = {
      runId: event.run.runId.toLowerCase(),
      facets,
      parent,
      // A parent without a root is itself the root (or its child is two levels down at most as far as we know).
      root: parent ? (runRef(obj(facets.parent)?.root) ?? parent) : null,
      nominalStart: time(nominalStart ?? undefined),
      nominalEnd: nominalStart === null ? null : time(str(obj(facets.nominalTime)?.nominalEndTime)),
      errorMessage: required(facets.errorMessage, "message"),
    };
  }
  const inputs = "inputs" in event ? (event.inputs ?? []).map(datasetFacts) : [];
  const outputs = "outputs" in event ? (event.outputs ?? []).map(datasetFacts) : [];
  return {
    kind,
    specVersion: checked.specVersion,
    eventType,
    time: checked.time,
    producer: event.producer,
    json,
    hash: hashOf(json),
    job,
    run,
    inputs,
    outputs,
    dataset: "dataset" in event && event.dataset ? datasetFacts(event.dataset) : null,
  };
}

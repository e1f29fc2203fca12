// What the model takes from one checked event: its job, run, datasets and the facets the portal
// understands (schema, symlinks, column lineage, SQL, source location, job type, parent, nominal
// time, error message, documentation, data source, lifecycle, dataset version). The facets are
// read with lenient zod schemas: the official ones were already checked against the spec's
// schemas, and a custom facet that shares an official name must not break ingestion.
import { createHash } from "node:crypto";
import { z } from "zod";
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
  payload: unknown;
  hash: string;
  job: JobFacts | null;
  run: RunFacts | null;
  inputs: DatasetFacts[];
  outputs: DatasetFacts[];
  /** The dataset of a DatasetEvent. */
  dataset: DatasetFacts | null;
};

const text = z.string().optional().catch(undefined);
const fieldSchema: z.ZodType<SchemaField> = z.lazy(() =>
  z.looseObject({ name: z.string(), type: text, description: text, fields: z.array(fieldSchema).optional().catch(undefined) }).transform((f) => ({
    name: f.name,
    ...(f.type !== undefined ? { type: f.type } : {}),
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.fields?.length ? { fields: f.fields } : {}),
  })),
);
const schemaFacet = z.looseObject({ fields: z.array(fieldSchema) });
const symlinksFacet = z.looseObject({ identifiers: z.array(z.looseObject({ namespace: z.string(), name: z.string(), type: z.string().catch("") })) });
const transformation = z.looseObject({ type: z.string().catch(""), subtype: text, description: text, masking: z.boolean().optional().catch(undefined) });
const inputField = z.looseObject({ namespace: z.string(), name: z.string(), field: z.string(), transformations: z.array(transformation).optional().catch(undefined) });
const columnLineageFacet = z.looseObject({
  fields: z.record(z.string(), z.looseObject({ inputFields: z.array(inputField), transformationDescription: text, transformationType: text })),
  dataset: z.array(inputField).optional().catch(undefined),
});
const describedFacet = z.looseObject({ description: z.string() });
const dataSourceFacet = z.looseObject({ name: z.string() });
const lifecycleFacet = z.looseObject({ lifecycleStateChange: z.string() });
const versionFacet = z.looseObject({ datasetVersion: z.string() });
const sqlFacet = z.looseObject({ query: z.string(), dialect: text });
const sourceFacet = z.looseObject({ type: text, url: text });
const jobTypeFacet = z.looseObject({ jobType: text, processingType: text, integration: text });
const runRef = z.looseObject({ run: z.looseObject({ runId: z.string() }), job: z.looseObject({ namespace: z.string(), name: z.string() }) });
const parentFacet = runRef.extend({ root: runRef.optional().catch(undefined) });
const nominalFacet = z.looseObject({ nominalStartTime: z.string(), nominalEndTime: text });
const errorFacet = z.looseObject({ message: z.string() });

function read<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function time(value: string | undefined): EventTime | null {
  if (!value) return null;
  const parsed = parseEventTime(value);
  return "error" in parsed ? null : parsed;
}

export function datasetFacts(d: OlDataset): DatasetFacts {
  const facets: OlFacets = { ...(d.facets ?? {}) };
  const lineage = read(columnLineageFacet, facets.columnLineage);
  const columnLineage: ColumnDependency[] = [];
  const add = (outputField: string, f: z.infer<typeof inputField>, fallback: { type?: string; description?: string }) => {
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
  for (const [field, dependency] of Object.entries(lineage?.fields ?? {})) {
    for (const f of dependency.inputFields) add(field, f, { type: dependency.transformationType, description: dependency.transformationDescription });
  }
  for (const f of lineage?.dataset ?? []) add("", f, {});
  return {
    namespace: d.namespace,
    name: d.name,
    facets,
    fields: read(schemaFacet, facets.schema)?.fields ?? null,
    symlinks: read(symlinksFacet, facets.symlinks)?.identifiers ?? [],
    columnLineage,
    description: read(describedFacet, facets.documentation)?.description ?? null,
    sourceName: read(dataSourceFacet, facets.dataSource)?.name ?? null,
    lifecycleState: read(lifecycleFacet, facets.lifecycleStateChange)?.lifecycleStateChange ?? null,
    version: read(versionFacet, facets.version)?.datasetVersion ?? null,
  };
}

/** SHA-256 of the event's canonical JSON (keys sorted at every level): the dedupe key. */
export function eventHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function normaliseEvent(checked: CheckedEvent): NormalisedEvent {
  const { event, kind } = checked;
  let job: JobFacts | null = null;
  if ("job" in event && event.job) {
    const facets: OlFacets = { ...(event.job.facets ?? {}) };
    const sql = read(sqlFacet, facets.sql);
    const source = read(sourceFacet, facets.sourceCodeLocation);
    const jobType = read(jobTypeFacet, facets.jobType);
    job = {
      namespace: event.job.namespace,
      name: event.job.name,
      facets,
      jobType: jobType?.jobType ?? null,
      processingType: jobType?.processingType ?? null,
      integration: jobType?.integration ?? null,
      sql: sql?.query ?? null,
      sqlDialect: sql?.dialect ?? null,
      sourceType: source?.type ?? null,
      sourceUrl: source?.url ?? null,
      description: read(describedFacet, facets.documentation)?.description ?? null,
    };
  }
  let run: RunFacts | null = null;
  let eventType: string | null = null;
  if ("run" in event && event.run) {
    eventType = event.eventType ?? "OTHER";
    const facets: OlFacets = { ...(event.run.facets ?? {}) };
    const parent = read(parentFacet, facets.parent);
    const nominal = read(nominalFacet, facets.nominalTime);
    const ref = (r: z.infer<typeof runRef> | undefined | null) => (r ? { runId: r.run.runId, namespace: r.job.namespace, name: r.job.name } : null);
    run = {
      runId: event.run.runId.toLowerCase(),
      facets,
      parent: ref(parent),
      // A parent without a root is itself the root (or its child is two levels down at most as far as we know).
      root: ref(parent?.root) ?? ref(parent),
      nominalStart: time(nominal?.nominalStartTime),
      nominalEnd: time(nominal?.nominalEndTime),
      errorMessage: read(errorFacet, facets.errorMessage)?.message ?? null,
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
    payload: event,
    hash: eventHash(event),
    job,
    run,
    inputs,
    outputs,
    dataset: "dataset" in event && event.dataset ? datasetFacts(event.dataset) : null,
  };
}

// The portal as an OpenLineage producer. Its own events — a workbench statement that wrote
// something (portal-producer-statement.ts), the demo pipeline's runs (demo-pipeline/) — are
// OpenLineage 2-0-2 RunEvents built here and stored through ingestLineage, the same path
// (checks, dedupe, model) as events from Airflow or Spark.
import type { HandlerArgs } from "../handler";
import { logger } from "../logger";
import { ingestLineage, type IngestOutcome } from "./ingest";
import type { DerivedDataset, DerivedLineage } from "./sql-lineage/derive";

/** The portal's producer URI, in every event and facet it makes. */
export const PORTAL_PRODUCER = "https://lakehouse-portal.local/openlineage/portal/0.1.0";
export const RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
/** The job namespace of workbench statements. */
export const PORTAL_JOB_NAMESPACE = "portal";

type Facet = Record<string, unknown>;
const facet = (name: string, version: string, body: Facet): Facet => ({
  _producer: PORTAL_PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}`,
  ...body,
});

export const sqlJobFacet = (query: string, dialect: string) => facet("SQLJobFacet", "1-1-0", { query, dialect });
export const jobTypeFacet = (integration: string, jobType: string) => facet("JobTypeJobFacet", "2-0-3", { processingType: "BATCH", integration, jobType });
export const errorMessageFacet = (message: string) => facet("ErrorMessageRunFacet", "1-0-1", { message, programmingLanguage: "SQL" });
export const nominalTimeFacet = (start: Date, end?: Date) =>
  facet("NominalTimeRunFacet", "1-0-1", { nominalStartTime: start.toISOString(), ...(end ? { nominalEndTime: end.toISOString() } : {}) });
export type RunRef = { runId: string; job: { namespace: string; name: string } };
export const parentRunFacet = (parent: RunRef, root: RunRef) =>
  facet("ParentRunFacet", "1-1-0", { run: { runId: parent.runId }, job: parent.job, root: { run: { runId: root.runId }, job: root.job } });

export type OlDatasetOut = { namespace: string; name: string; facets?: Facet };

/** OpenLineage datasets of a derived lineage: inputs with their schema, the output with its schema and column lineage. */
export function datasetsOf(derived: DerivedLineage): { inputs: OlDatasetOut[]; outputs: OlDatasetOut[] } {
  const withSchema = (d: DerivedDataset, extra: Facet = {}): OlDatasetOut => {
    const facets: Facet = { ...extra };
    if (d.fields?.length) facets.schema = facet("SchemaDatasetFacet", "1-1-1", { fields: d.fields.map((f) => ({ name: f.name, type: f.type })) });
    return { namespace: d.namespace, name: d.name, ...(Object.keys(facets).length ? { facets } : {}) };
  };
  const lineage = derived.columnLineage;
  const columnLineage =
    lineage && (Object.keys(lineage.fields).length || lineage.dataset.length)
      ? {
          columnLineage: facet("ColumnLineageDatasetFacet", "1-2-0", {
            fields: Object.fromEntries(Object.entries(lineage.fields).map(([k, v]) => [k, { inputFields: v }])),
            dataset: lineage.dataset,
          }),
        }
      : {};
  return { inputs: derived.inputs.map((d) => withSchema(d)), outputs: [withSchema(derived.output, columnLineage)] };
}

export type RunEventsInput = {
  runId: string;
  job: { namespace: string; name: string; facets: Facet };
  startedAt: Date;
  endedAt: Date;
  state: "COMPLETE" | "FAIL";
  inputs: OlDatasetOut[];
  outputs: OlDatasetOut[];
  /** On both events (parent, nominal time); the end event adds the error message of a FAIL. */
  runFacets?: Facet;
  errorMessage?: string;
};

/** START and COMPLETE (or FAIL) of one run, as OpenLineage 2-0-2 RunEvents. */
export function runEvents(input: RunEventsInput): Record<string, unknown>[] {
  const event = (eventType: string, eventTime: Date, runFacets: Facet, withDatasets: boolean) => ({
    eventType,
    eventTime: eventTime.toISOString(),
    producer: PORTAL_PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA,
    run: { runId: input.runId, ...(Object.keys(runFacets).length ? { facets: runFacets } : {}) },
    job: input.job,
    inputs: withDatasets ? input.inputs : [],
    outputs: withDatasets ? input.outputs : [],
  });
  const endFacets = { ...input.runFacets, ...(input.state === "FAIL" && input.errorMessage ? { errorMessage: errorMessageFacet(input.errorMessage) } : {}) };
  // Like Airflow's provider: the datasets on both events (a reader of only the START sees them too).
  return [event("START", input.startedAt, input.runFacets ?? {}, true), event(input.state, input.endedAt, endFacets, true)];
}

/** Sends the portal's own events through ingestion, logging what it refused (a bug of ours, never the user's). */
export async function ingestOwnEvents(ctx: HandlerArgs["ctx"], events: Record<string, unknown>[]): Promise<IngestOutcome> {
  const outcome = await ingestLineage({ ctx, input: { events } });
  const refused = outcome.results.filter((r) => r.status === "refused");
  if (refused.length) logger.error({ refused }, "the portal's own lineage events were refused");
  return outcome;
}

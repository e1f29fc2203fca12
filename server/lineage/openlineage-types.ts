// The parts of OpenLineage events the portal reads, as TypeScript types. An event gets these
// types only after its official JSON Schema accepted it (server/lineage/validate-event.ts).
export type OlFacets = Record<string, unknown>;
export type OlJob = { namespace: string; name: string; facets?: OlFacets };
export type OlDataset = { namespace: string; name: string; facets?: OlFacets; inputFacets?: OlFacets; outputFacets?: OlFacets };
export type OlRunEvent = {
  eventType?: "START" | "RUNNING" | "COMPLETE" | "ABORT" | "FAIL" | "OTHER";
  eventTime: string;
  producer: string;
  schemaURL?: string;
  run: { runId: string; facets?: OlFacets };
  job: OlJob;
  inputs?: OlDataset[];
  outputs?: OlDataset[];
};
export type OlJobEvent = { eventTime: string; producer: string; schemaURL?: string; job: OlJob; inputs?: OlDataset[]; outputs?: OlDataset[] };
export type OlDatasetEvent = { eventTime: string; producer: string; schemaURL?: string; dataset: OlDataset };
export type OlEvent = OlRunEvent | OlJobEvent | OlDatasetEvent;

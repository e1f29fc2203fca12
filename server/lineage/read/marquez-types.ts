// The JSON shapes of Marquez's read API, field for field (its public OpenAPI spec, with the
// nullability of its model classes; server/lineage/read/testing/marquez-openapi.json is what the
// tests hold every response to). Times are ISO-8601 strings in UTC.
import { createHash } from "node:crypto";

export type DatasetId = { namespace: string; name: string };
export type DatasetVersionId = { namespace: string; name: string; version: string };
export type JobId = { namespace: string; name: string };
export type Facets = Record<string, unknown>;

export type MarquezField = { name: string; type: string | null; tags: string[]; description: string | null };

export type MarquezNamespace = { name: string; createdAt: string; updatedAt: string; ownerName: string; description: string | null; isHidden: boolean };

/** Marquez's RunState: OpenLineage's START and RUNNING are RUNNING, COMPLETE is COMPLETED, … */
export type RunState = "NEW" | "RUNNING" | "COMPLETED" | "FAILED" | "ABORTED";

export type MarquezRun = {
  id: string;
  createdAt: string;
  updatedAt: string;
  nominalStartTime: string | null;
  nominalEndTime: string | null;
  state: RunState;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  args: Record<string, string>;
  jobVersion?: DatasetVersionId;
  inputVersions: DatasetVersionId[];
  outputVersions: DatasetVersionId[];
  context: Record<string, string>;
  facets: Facets;
};

/** The dataset as a lineage graph node carries it (Marquez's DatasetData). */
export type MarquezDatasetData = {
  id: DatasetId;
  type: "DB_TABLE" | "STREAM";
  name: string;
  physicalName: string;
  createdAt: string;
  updatedAt: string;
  namespace: string;
  sourceName: string;
  fields: MarquezField[];
  tags: string[];
  lastModifiedAt: string | null;
  description: string | null;
  lastLifecycleState: string | null;
};

export type MarquezDataset = MarquezDatasetData & { facets: Facets; currentVersion: string | null; deleted: boolean };

export type MarquezDatasetVersion = {
  id: DatasetVersionId;
  type: "DB_TABLE" | "STREAM";
  name: string;
  physicalName: string;
  createdAt: string;
  version: string;
  namespace: string;
  sourceName: string;
  fields: MarquezField[];
  tags: string[];
  description: string | null;
  lifecycleState: string | null;
  createdByRun: MarquezRun | null;
  facets: Facets;
};

/** The job as a lineage graph node carries it (Marquez's JobData). */
export type MarquezJobData = {
  id: JobId;
  type: "BATCH" | "STREAM" | "SERVICE";
  name: string;
  simpleName: string;
  parentJobName: string | null;
  parentJobUuid: string | null;
  createdAt: string;
  updatedAt: string;
  namespace: string;
  inputs: DatasetId[];
  outputs: DatasetId[];
  location: string | null;
  description: string | null;
  latestRun: MarquezRun | null;
};

export type MarquezJob = MarquezJobData & { facets: Facets; currentVersion: string | null; tags: string[]; labels: string[] };

export type GraphEdge = { origin: string; destination: string };
export type GraphNode<Type extends string, Data> = { id: string; type: Type; data: Data; inEdges: GraphEdge[]; outEdges: GraphEdge[] };

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const isoOf = (d: Date): string => d.toISOString();

export function runStateOf(state: string): RunState {
  switch (state) {
    case "START":
    case "RUNNING":
      return "RUNNING";
    case "COMPLETE":
      return "COMPLETED";
    case "FAIL":
      return "FAILED";
    case "ABORT":
      return "ABORTED";
    default:
      return "NEW";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marquez's versions are UUIDs; ours are what producers sent (a run id, a DatasetVersionDatasetFacet
 * value, a content hash). A UUID is kept; anything else becomes the same name-based UUID each time.
 */
export function versionUuid(version: string): string {
  if (UUID.test(version)) return version.toLowerCase();
  const h = createHash("sha256").update(version).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Schema fields as ingestion stores them ([{ name, type, description?, fields? }]) in Marquez's shape. */
export function fieldsOf(value: unknown): MarquezField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f: unknown) => {
    if (typeof f !== "object" || f === null || !("name" in f) || typeof f.name !== "string") return [];
    const type = "type" in f && typeof f.type === "string" ? f.type : null;
    const description = "description" in f && typeof f.description === "string" ? f.description : null;
    return [{ name: f.name, type, tags: [], description }];
  });
}

export const facetsOf = (value: unknown): Facets => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Facets) : {});

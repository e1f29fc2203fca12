// Test helpers: lineage graphs built the way producers build them, by OpenLineage events through
// the real ingestion path, and the node ids a reader asks for.
import { randomUUID } from "node:crypto";
import type { CurrentUser } from "../../../auth/current-user";
import type { Db } from "../../../db/client";
import { ingestLineage } from "../../ingest";
import { runEvent } from "../../testing/events";

export const NS = "tests";
export type Io = { inputs?: string[]; outputs?: string[]; namespace?: string; datasetNamespace?: string; facets?: Record<string, Record<string, unknown>> };

/** A START and a COMPLETE of `job` at `time`, reading `inputs` and writing `outputs` (dataset names in `datasetNamespace`). */
export function jobRun(job: string, time: string, io: Io): Record<string, unknown>[] {
  const runId = randomUUID();
  const ns = io.datasetNamespace ?? NS;
  const dataset = (name: string) => ({ namespace: ns, name, ...(io.facets?.[name] ? { facets: io.facets[name] } : {}) });
  const base = { runId, job: { namespace: io.namespace ?? NS, name: job }, inputs: (io.inputs ?? []).map(dataset), outputs: (io.outputs ?? []).map(dataset) };
  const end = new Date(Date.parse(time) + 1_000).toISOString();
  return [runEvent({ ...base, type: "START", time }), runEvent({ ...base, type: "COMPLETE", time: end })];
}

export async function ingestAll(db: Db, user: CurrentUser, events: unknown[]): Promise<void> {
  const { results } = await ingestLineage({ ctx: { user, ip: null, db }, input: { events } });
  const refused = results.filter((r) => r.status === "refused");
  if (refused.length) throw new Error(`test events refused: ${JSON.stringify(refused)}`);
}

export const ds = (name: string, namespace = NS) => `dataset:${namespace}:${name}`;
export const job = (name: string, namespace = NS) => `job:${namespace}:${name}`;

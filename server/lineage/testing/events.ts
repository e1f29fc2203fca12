// Test helpers: the real example events shipped in testing/examples, and small hand-built events
// for the rules that real fixtures do not cover (late START, COMPLETE alone, cycles, limits).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

const here = path.resolve(process.cwd(), "server/lineage/testing");

export function exampleEvents(): { file: string; event: unknown }[] {
  const dir = path.join(here, "examples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, event: JSON.parse(readFileSync(path.join(dir, file), "utf8")) as unknown }));
}

export function example(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(here, "examples", file), "utf8")) as Record<string, unknown>;
}

export function template(file: string): unknown {
  return JSON.parse(readFileSync(path.join(here, "templates", file), "utf8")) as unknown;
}

export const PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.40.0/integration/test";
export const SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

type Dataset = { namespace: string; name: string; facets?: Record<string, unknown> };

/** A RunEvent of the current spec. */
export function runEvent(options: {
  runId?: string;
  type?: string;
  time: string;
  job?: { namespace: string; name: string; facets?: Record<string, unknown> };
  inputs?: Dataset[];
  outputs?: Dataset[];
  runFacets?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    eventType: options.type ?? "COMPLETE",
    eventTime: options.time,
    producer: PRODUCER,
    schemaURL: SPEC,
    run: { runId: options.runId ?? randomUUID(), ...(options.runFacets ? { facets: options.runFacets } : {}) },
    job: options.job ?? { namespace: "tests", name: "job" },
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
  };
}

export const facet = (body: Record<string, unknown>, schema = "SchemaDatasetFacet", version = "1-1-1") => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/${version}/${schema}.json#/$defs/${schema}`,
  ...body,
});

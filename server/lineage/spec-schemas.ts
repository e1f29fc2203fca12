// The official OpenLineage JSON Schemas (server/lineage/schema, copied from the spec), compiled
// once per process with ajv (draft 2020-12). Two relaxations, both because real producers send
// them and the events still say everything the model needs:
// - `schemaURL` may be missing or odd (Marquez's own fixtures name spec 2-8-9, and Airflow's
//   events once pointed at a YAML file): the event is classified by its shape instead.
// - a facet's `_producer` and `_schemaURL` may be missing (dbt's and Flink's custom facets omit
//   them); official facets are still checked field by field against their own schema.
// - `format: "uri"` takes URI references too: Spark's dataSource facet says `"uri": "file"`, and
//   Marquez's fixtures `"uri": "string"`; neither is an absolute URI, both are what producers send.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats";
import type { OlEvent } from "./openlineage-types";

const SCHEMA_DIR = path.resolve(process.cwd(), "server/lineage/schema");

export type EventKind = "RunEvent" | "DatasetEvent" | "JobEvent";
/** Where a facet sits in an event, which decides which official facets its name may be. */
export type FacetPlace = "run" | "job" | "dataset" | "inputDataset" | "outputDataset";

type JsonObject = { [key: string]: unknown };
type FacetSchema = { name: string; version: string; id: string; definition: string; kind: string };

export type SpecSchemas = {
  /** Core spec versions, newest first (e.g. 2-0-2, 2-0-1, …, 1-0-0). */
  versions: string[];
  /** The validator of an event kind in a spec version; undefined when that version has no such kind (1-x has only RunEvent). */
  event(version: string, kind: EventKind): ValidateFunction<OlEvent> | undefined;
  /** The validator of an official facet by its name and place, preferring the version its _schemaURL names; undefined for custom facets. */
  facet(name: string, place: FacetPlace, schemaURL: unknown): ValidateFunction | undefined;
};

let compiled: SpecSchemas | undefined;

export function specSchemas(): SpecSchemas {
  compiled ??= compile();
  return compiled;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const byVersionDesc = (a: string, b: string) => {
  const pa = a.split("-").map(Number);
  const pb = b.split("-").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
};

function compile(): SpecSchemas {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("uri", fullFormats["uri-reference"]);

  const versions = readdirSync(SCHEMA_DIR)
    .filter((name) => /^\d+-\d+-\d+$/.test(name))
    .sort(byVersionDesc);
  const defsKey = new Map<string, string>();
  for (const version of versions) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, version, "OpenLineage.json"), "utf8")) as JsonObject;
    const key = isObject(schema.$defs) ? "$defs" : "definitions";
    defsKey.set(version, key);
    relaxCore(schema, key);
    ajv.addSchema(schema);
  }

  const facets = new Map<string, FacetSchema[]>();
  const facetDir = path.join(SCHEMA_DIR, "facets");
  for (const version of readdirSync(facetDir)) {
    for (const file of readdirSync(path.join(facetDir, version))) {
      const schema = JSON.parse(readFileSync(path.join(facetDir, version, file), "utf8")) as JsonObject;
      const definition = file.replace(/\.json$/, "");
      const defs = isObject(schema.$defs) ? schema.$defs : {};
      const def = defs[definition];
      const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
      if (!isObject(def) || properties.length !== 1 || typeof schema.$id !== "string") continue;
      ajv.addSchema(schema);
      const name = properties[0]!;
      const list = facets.get(name) ?? [];
      list.push({ name, version, id: schema.$id, definition, kind: facetKindOf(def) });
      facets.set(name, list);
    }
  }
  for (const list of facets.values()) list.sort((a, b) => byVersionDesc(a.version, b.version));

  const eventValidators = new Map<string, ValidateFunction<OlEvent> | undefined>();
  const facetValidators = new Map<string, ValidateFunction>();
  return {
    versions,
    event(version, kind) {
      const key = `${version}#${kind}`;
      if (!eventValidators.has(key)) {
        const ref = `https://openlineage.io/spec/${version}/OpenLineage.json#/${defsKey.get(version)}/${kind}`;
        eventValidators.set(key, ajv.getSchema<OlEvent>(ref));
      }
      return eventValidators.get(key);
    },
    facet(name, place, schemaURL) {
      const candidates = (facets.get(name) ?? []).filter((f) => PLACES[place].includes(f.kind));
      if (candidates.length === 0) return undefined;
      const named = typeof schemaURL === "string" ? /\/facets\/(\d+-\d+-\d+)\/(\w+)\.json/.exec(schemaURL) : null;
      const chosen = candidates.find((f) => named && f.version === named[1] && f.definition === named[2]) ?? candidates[0]!;
      const key = `${chosen.id}#${chosen.definition}`;
      let validate = facetValidators.get(key);
      if (!validate) {
        validate = ajv.getSchema(`${chosen.id}#/$defs/${chosen.definition}`);
        if (!validate) return undefined;
        facetValidators.set(key, validate);
      }
      return validate;
    },
  };
}

/** Which official facet kinds a place takes: dataset facets sometimes carry input/output ones (dbt puts dataQualityAssertions in both). */
const PLACES: Record<FacetPlace, string[]> = {
  run: ["RunFacet"],
  job: ["JobFacet"],
  dataset: ["DatasetFacet", "InputDatasetFacet", "OutputDatasetFacet"],
  inputDataset: ["InputDatasetFacet", "DatasetFacet"],
  outputDataset: ["OutputDatasetFacet", "DatasetFacet"],
};

function facetKindOf(def: JsonObject): string {
  const allOf = Array.isArray(def.allOf) ? def.allOf : [];
  for (const part of allOf) {
    if (isObject(part) && typeof part.$ref === "string") return part.$ref.split("/").pop() ?? "";
  }
  return "";
}

/**
 * The two relaxations described at the top, applied to one core schema before it is compiled.
 * Spec 2-0-0 and 2-0-1 also list their facets as alternatives (`anyOf`) by relative paths that
 * were never published under those URLs; facets are checked on their own (server/lineage/facets.ts),
 * so those alternatives are dropped and the generic facet branch stays; 1-0-0 and 1-0-1 define
 * some facets inline, and those are checked against the published facet schemas instead.
 */
function relaxCore(schema: JsonObject, key: string) {
  const defs = schema[key];
  if (!isObject(defs)) return;
  dropRelativeFacetRefs(defs);
  dropInlineFacets(defs);
  for (const name of ["BaseEvent", "RunEvent"]) {
    const def = defs[name];
    if (!isObject(def)) continue;
    if (Array.isArray(def.required)) def.required = def.required.filter((field) => field !== "schemaURL");
    if (isObject(def.properties) && isObject(def.properties.schemaURL)) delete def.properties.schemaURL.format;
  }
  const baseFacet = defs.BaseFacet;
  if (isObject(baseFacet)) {
    baseFacet.required = [];
    if (isObject(baseFacet.properties) && isObject(baseFacet.properties._schemaURL)) delete baseFacet.properties._schemaURL.format;
    if (isObject(baseFacet.properties) && isObject(baseFacet.properties._producer)) delete baseFacet.properties._producer.format;
  }
}

function dropRelativeFacetRefs(node: unknown) {
  if (Array.isArray(node)) {
    for (const item of node) dropRelativeFacetRefs(item);
    return;
  }
  if (!isObject(node)) return;
  if (Array.isArray(node.anyOf)) node.anyOf = node.anyOf.filter((part) => !(isObject(part) && typeof part.$ref === "string" && part.$ref.startsWith("facets/")));
  for (const value of Object.values(node)) dropRelativeFacetRefs(value);
}

function dropInlineFacets(node: unknown) {
  if (Array.isArray(node)) {
    for (const item of node) dropInlineFacets(item);
    return;
  }
  if (!isObject(node)) return;
  if (isObject(node.properties)) {
    for (const name of ["facets", "inputFacets", "outputFacets"]) {
      const facets = node.properties[name];
      if (isObject(facets) && isObject(facets.properties)) delete facets.properties;
    }
  }
  for (const value of Object.values(node)) dropInlineFacets(value);
}

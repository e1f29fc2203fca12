// Checks one OpenLineage event: its shape (RunEvent, DatasetEvent or JobEvent), the official JSON
// Schema of its spec version, every official facet against its own schema, its times, and the
// portal's limits on names. Returns the event with its kind, version and time, or the reason it
// is refused — written for the person whose producer sent it.
import type { ErrorObject } from "ajv";
import { parseEventTime, type EventTime } from "./event-time";
import { specSchemas, type EventKind, type FacetPlace } from "./spec-schemas";
import type { OlDataset, OlEvent, OlFacets } from "./openlineage-types";

/** Namespaces: 500 bytes; dataset and job names: 1,000 characters and 1,500 bytes (an S3 key is up to 1,024); field names: 500 bytes. Unique indexes hold these. */
export const LIMITS = { namespaceBytes: 500, nameChars: 1_000, nameBytes: 1_500, fieldBytes: 500 } as const;

export type CheckedEvent = { kind: EventKind; specVersion: string; time: EventTime; event: OlEvent; warnings: string[] };
export type EventCheck = { ok: true; checked: CheckedEvent } | { ok: false; reason: string };

const EVENT_TYPES = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"];
// Placeholders of the integration tests' expected events: Airflow/dbt's Jinja ({{ any(result) }}),
// Flink's json-unit (${json-unit.any-string}). They are matchers, never values.
const TEMPLATE = /\{\{[^}]*\}\}|\$\{json-unit\.[^}]*\}/;
const MAYBE_ODD = /\{\{|\$\{json-unit\.|\\u0000/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `json`: the event's JSON text when the caller has it (ingest.ts has its canonical JSON): the
 * walk for placeholders and NULs, which names where they are, then runs only when the text has
 * one (JSON escapes a NUL as \u0000 and leaves `{`, `}` and `$` inside strings as they are).
 */
export function checkEvent(value: unknown, json?: string): EventCheck {
  if (!isObject(value)) return refuse(`An event must be a JSON object, not ${describe(value)}.`);
  const odd = json === undefined || MAYBE_ODD.test(json) ? findOddString(value, "") : null;
  if (odd) return refuse(odd);
  const kind = kindOf(value);
  if (!kind) return refuse("Not an OpenLineage event: a RunEvent has `run` and `job`, a JobEvent has `job`, a DatasetEvent has `dataset`.");

  if (value.eventTime === undefined) return refuse("eventTime is missing.");
  if (typeof value.eventTime !== "string") return refuse(`eventTime must be a string (an RFC 3339 date-time), not ${describe(value.eventTime)}.`);
  const time = parseEventTime(value.eventTime);
  if ("error" in time) return refuse(`eventTime ${time.error}.`);
  if (kind === "RunEvent") {
    const run = value.run;
    if (!isObject(run) || run.runId === undefined) return refuse("run.runId is missing: a RunEvent needs the UUID of its run.");
    if (value.eventType !== undefined && (typeof value.eventType !== "string" || !EVENT_TYPES.includes(value.eventType))) {
      return refuse(`eventType ${JSON.stringify(value.eventType)} is not one of ${EVENT_TYPES.join(", ")}.`);
    }
  }

  const schemas = specSchemas();
  const named = typeof value.schemaURL === "string" ? /\/spec\/(\d+-\d+-\d+)\/OpenLineage\.json/.exec(value.schemaURL)?.[1] : undefined;
  // The version the event names, when we have it and it defines this kind; else the newest.
  const specVersion = named && schemas.versions.includes(named) && schemas.event(named, kind) ? named : schemas.versions[0]!;
  const validate = schemas.event(specVersion, kind)!;
  if (!validate(value)) return refuse(`Does not match the OpenLineage ${specVersion} ${kind} schema: ${describeErrors(validate.errors)}.`);
  const event: OlEvent = value;

  const names = checkNames(event);
  if (names) return refuse(names);
  const facets = checkFacets(event);
  if (facets.refusal) return refuse(facets.refusal);
  return { ok: true, checked: { kind, specVersion, time, event, warnings: facets.warnings } };
}

function refuse(reason: string): EventCheck {
  return { ok: false, reason };
}

/** By shape, as the spec's own oneOf does: run+job, job without run, dataset without job and run. */
function kindOf(value: Record<string, unknown>): EventKind | null {
  if (value.run !== undefined && value.job !== undefined) return "RunEvent";
  if (value.job !== undefined && value.run === undefined) return "JobEvent";
  if (value.dataset !== undefined && value.job === undefined && value.run === undefined) return "DatasetEvent";
  return null;
}

/** Template placeholders and NUL characters (which PostgreSQL cannot store), with where they are. */
function findOddString(node: unknown, at: string): string | null {
  if (typeof node === "string") {
    const template = TEMPLATE.exec(node);
    if (template) return `${at || "The event"} holds the test-template placeholder ${template[0]}, not a value: this is an integration test's expected event, not a real one.`;
    if (node.includes("\0")) return `${at || "The event"} contains a NUL character (\\u0000), which no field accepts.`;
    return null;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findOddString(node[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key.includes("\0")) return `A key in ${at || "the event"} contains a NUL character (\\u0000).`;
      const found = findOddString(child, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

function checkNames(event: OlEvent): string | null {
  const problems: string[] = [];
  const check = (where: string, namespace: string, name: string) => {
    const p = nameProblem(where, namespace, name);
    if (p) problems.push(p);
  };
  if ("job" in event && event.job) check("job", event.job.namespace, event.job.name);
  if ("dataset" in event && event.dataset) check("dataset", event.dataset.namespace, event.dataset.name);
  const inputs = "inputs" in event ? (event.inputs ?? []) : [];
  const outputs = "outputs" in event ? (event.outputs ?? []) : [];
  inputs.forEach((d, i) => check(`inputs[${i}]`, d.namespace, d.name));
  outputs.forEach((d, i) => check(`outputs[${i}]`, d.namespace, d.name));
  return problems[0] ?? null;
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

export function nameProblem(where: string, namespace: string, name: string): string | null {
  if (namespace.trim() === "") return `${where}.namespace is empty.`;
  if (name.trim() === "") return `${where}.name is empty.`;
  if (bytes(namespace) > LIMITS.namespaceBytes)
    return `${where}.namespace is ${bytes(namespace).toLocaleString("en")} bytes long; a namespace may have at most ${LIMITS.namespaceBytes} bytes.`;
  const chars = [...name].length;
  if (chars > LIMITS.nameChars || bytes(name) > LIMITS.nameBytes) {
    return `${where}.name is ${chars.toLocaleString("en")} characters (${bytes(name).toLocaleString("en")} bytes) long; names may have at most ${LIMITS.nameChars.toLocaleString("en")} characters and ${LIMITS.nameBytes.toLocaleString("en")} bytes.`;
  }
  return null;
}

/**
 * The facets the portal builds its model from: a name the spec defines with a body its schema
 * refuses would put wrong facts in the graph, so the event is refused.
 */
const MODEL_FACETS = new Set([
  "schema",
  "symlinks",
  "columnLineage",
  "documentation",
  "dataSource",
  "lifecycleStateChange",
  "version",
  "sql",
  "sourceCodeLocation",
  "jobType",
  "parent",
  "nominalTime",
  "errorMessage",
]);

/**
 * Every official facet against its own schema. One the model reads (MODEL_FACETS) must match;
 * any other official one that does not (Marquez's own fixture sends dataQualityMetrics without
 * its required columnMetrics) is kept as sent, with a warning. Custom facets are kept as sent.
 */
function checkFacets(event: OlEvent): { refusal: string | null; warnings: string[] } {
  const warnings: string[] = [];
  const groups: [string, OlFacets | undefined, FacetPlace][] = [];
  if ("run" in event && event.run) groups.push(["run.facets", event.run.facets, "run"]);
  if ("job" in event && event.job) groups.push(["job.facets", event.job.facets, "job"]);
  const datasets: [string, OlDataset][] = [];
  if ("dataset" in event && event.dataset) datasets.push(["dataset", event.dataset]);
  if ("inputs" in event) (event.inputs ?? []).forEach((d, i) => datasets.push([`inputs[${i}]`, d]));
  if ("outputs" in event) (event.outputs ?? []).forEach((d, i) => datasets.push([`outputs[${i}]`, d]));
  for (const [where, d] of datasets) {
    groups.push([`${where}.facets`, d.facets, "dataset"]);
    groups.push([`${where}.inputFacets`, d.inputFacets, "inputDataset"]);
    groups.push([`${where}.outputFacets`, d.outputFacets, "outputDataset"]);
  }
  const schemas = specSchemas();
  for (const [where, facets, place] of groups) {
    for (const [name, facet] of Object.entries(facets ?? {})) {
      const validate = schemas.facet(name, place, isObject(facet) ? facet._schemaURL : undefined);
      if (validate && !validate(facet)) {
        const problem = `The ${name} facet at ${where} does not match its OpenLineage schema: ${describeErrors(validate.errors, `${where}.${name}`)}`;
        if (MODEL_FACETS.has(name)) return { refusal: `${problem}.`, warnings };
        warnings.push(`${problem}; it is kept as sent.`);
      }
      if (name === "schema" && place === "dataset") {
        const tooLong = fieldNameTooLong(facet);
        if (tooLong)
          return {
            refusal: `${where}.schema has a field name of ${bytes(tooLong).toLocaleString("en")} bytes; field names may have at most ${LIMITS.fieldBytes} bytes.`,
            warnings,
          };
      }
    }
  }
  return { refusal: null, warnings };
}

function fieldNameTooLong(facet: unknown): string | null {
  const fields = isObject(facet) && Array.isArray(facet.fields) ? facet.fields : [];
  for (const field of fields) if (isObject(field) && typeof field.name === "string" && bytes(field.name) > LIMITS.fieldBytes) return field.name;
  return null;
}

/** ajv's first few errors as "run.runId must match format "uuid"". */
function describeErrors(errors: ErrorObject[] | null | undefined, prefix = ""): string {
  const list = (errors ?? []).filter((e) => e.keyword !== "anyOf" && e.keyword !== "allOf" && e.keyword !== "if");
  const shown = (list.length ? list : (errors ?? [])).slice(0, 3).map((e) => {
    const path = e.instancePath
      .split("/")
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, "/").replace(/~0/g, "~")}`))
      .join("")
      .replace(/^\./, "");
    const where = [prefix, path].filter(Boolean).join(path.startsWith("[") ? "" : ".");
    const detail =
      e.keyword === "enum" && Array.isArray(e.params.allowedValues)
        ? `must be one of ${e.params.allowedValues.join(", ")}`
        : e.keyword === "not"
          ? "must not have both job and run here"
          : e.message;
    return `${where || "the event"} ${detail ?? "is invalid"}`;
  });
  return shown.join("; ") || "it is invalid";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

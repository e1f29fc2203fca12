// Validates response bodies against the response schemas of an OpenAPI 3.0 document with ajv.
// OpenAPI 3.0's schema dialect is not JSON Schema: `nullable: true` becomes a "null" type (or an
// anyOf with null around a $ref/allOf), components/schemas become definitions, and keywords ajv
// does not know (example, discriminator, deprecated) are dropped.
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

type Schema = Record<string, unknown>;
type OpenApi = {
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: Schema }> }> } }>;
  components: { schemas: Record<string, Schema> };
};

const DROPPED = new Set(["example", "discriminator", "deprecated", "xml", "externalDocs"]);
const ID = "openapi";

export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== "object" || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key === "nullable") continue;
    if (key === "$ref" && typeof value === "string") out.$ref = value.replace("#/components/schemas/", `${ID}#/definitions/`);
    // `properties` maps names to schemas: convert the schemas, never the names.
    else if (key === "properties" && typeof value === "object" && value !== null) out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = toJsonSchema(value);
  }
  if ((node as Schema).nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

export class OpenApiValidator {
  private readonly spec: OpenApi;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.spec = JSON.parse(readFileSync(file, "utf8")) as OpenApi;
    this.ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: ID, definitions: toJsonSchema(this.spec.components.schemas) });
  }

  /** The problems of `body` as the response of GET `path` (the spec's template, e.g. /lineage) with `status`; [] when it conforms. */
  problems(path: string, status: number, body: unknown): string[] {
    const response = this.spec.paths[path]?.get?.responses[String(status)];
    const schema = response?.content?.["application/json"]?.schema;
    if (!schema) return [`the spec describes no ${status} response of GET ${path}`];
    const key = `${path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  }
}

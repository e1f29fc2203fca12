// The plans engines print for EXPLAIN (FORMAT JSON), read into one tree shape the workbench
// draws: { operator, details, estimated rows and cost, children }. DuckDB prints a list of root
// operators with `extra_info`; Trino's distributed plan is an object of fragments whose
// RemoteSource operators name the fragments they read, which are put in as their children so the
// whole plan is one tree. Unknown fields are shown as details rather than dropped, because both
// engines say their JSON may change between versions.

export type PlanNode = {
  operator: string;
  /** `key: value` lines, in the engine's order. */
  details: string[];
  estimatedRows: number | null;
  /** Trino's CPU cost estimate; DuckDB gives none. */
  estimatedCost: number | null;
  children: PlanNode[];
};

export class PlanFormatError extends Error {
  override name = "PlanFormatError";
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A finite number from a JSON number or numeric string ("NaN" and "?" mean unknown). */
function estimate(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function detailLine(key: string, value: Json): string | null {
  if (value === null || value === "") return null;
  if (Array.isArray(value)) return value.length ? `${key}: ${value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")}` : null;
  return `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`;
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new PlanFormatError("The engine's plan is not valid JSON.");
  }
}

// ---- DuckDB ---------------------------------------------------------------------------------

/** DuckDB's `EXPLAIN (FORMAT JSON)`: the `physical_plan` value, a JSON list of root operators. */
export function parseDuckDbPlan(text: string): PlanNode[] {
  const roots = parseJson(text);
  if (!Array.isArray(roots)) throw new PlanFormatError("DuckDB's plan is not a list of operators.");
  return roots.map(duckDbNode);
}

function duckDbNode(node: Json): PlanNode {
  if (!isObject(node) || typeof node.name !== "string") throw new PlanFormatError("An operator of DuckDB's plan has no name.");
  const info = isObject(node.extra_info) ? node.extra_info : {};
  let estimatedRows: number | null = null;
  const details: string[] = [];
  for (const [key, value] of Object.entries(info)) {
    if (key === "Estimated Cardinality") estimatedRows = estimate(value);
    else {
      const line = detailLine(key, value);
      if (line) details.push(line);
    }
  }
  const children = Array.isArray(node.children) ? node.children.map(duckDbNode) : [];
  return { operator: node.name, details, estimatedRows, estimatedCost: null, children };
}

// ---- Trino ----------------------------------------------------------------------------------

/**
 * Trino's `EXPLAIN (TYPE DISTRIBUTED, FORMAT JSON)`: `{ "0": node, "1": node, … }` by fragment,
 * fragment 0 the root. A logical plan (one node) is read too.
 */
export function parseTrinoPlan(text: string): PlanNode[] {
  const json = parseJson(text);
  if (!isObject(json)) throw new PlanFormatError("Trino's plan is not a JSON object.");
  if (typeof json.name === "string") return [trinoNode(json, new Map(), new Set())];
  const fragments = new Map<string, Json>(Object.entries(json));
  if (!fragments.size) throw new PlanFormatError("Trino's plan has no fragments.");
  const root = fragments.has("0") ? "0" : [...fragments.keys()].sort((a, b) => Number(a) - Number(b))[0]!;
  const used = new Set([root]);
  const tree = trinoNode(fragments.get(root)!, fragments, used, root);
  // Fragments no RemoteSource named (should not happen) are still shown, after the root.
  const rest = [...fragments.keys()].filter((id) => !used.has(id)).map((id) => trinoNode(fragments.get(id)!, fragments, used, id));
  return [tree, ...rest];
}

function trinoNode(node: Json, fragments: Map<string, Json>, used: Set<string>, fragment?: string): PlanNode {
  if (!isObject(node) || typeof node.name !== "string") throw new PlanFormatError("An operator of Trino's plan has no name.");
  const descriptor = isObject(node.descriptor) ? node.descriptor : {};
  // Aggregate(FINAL), RemoteExchange(REPARTITION): the kind belongs with the operator's name.
  const kind = typeof descriptor.type === "string" && descriptor.type ? descriptor.type : null;
  const details: string[] = [];
  if (fragment !== undefined) details.push(`Fragment: ${fragment}`);
  for (const [key, value] of Object.entries(descriptor)) {
    if (key === "type" && kind) continue;
    const line = detailLine(key, value);
    if (line) details.push(line);
  }
  if (Array.isArray(node.details)) for (const d of node.details) if (typeof d === "string" && d) details.push(d);
  if (Array.isArray(node.outputs) && node.outputs.length) {
    details.push(`Outputs: ${node.outputs.map((o) => (isObject(o) ? `${String(o.symbol)} ${String(o.type)}` : String(o))).join(", ")}`);
  }
  const first = Array.isArray(node.estimates) && isObject(node.estimates[0]) ? node.estimates[0] : {};
  const children = Array.isArray(node.children) ? node.children.map((c) => trinoNode(c, fragments, used)) : [];
  // A RemoteSource reads other fragments: they become its children.
  if (node.name === "RemoteSource" && typeof descriptor.sourceFragmentIds === "string") {
    for (const id of descriptor.sourceFragmentIds
      .replace(/[[\]\s]/g, "")
      .split(",")
      .filter(Boolean)) {
      const source = fragments.get(id);
      if (source === undefined || used.has(id)) continue;
      used.add(id);
      children.push(trinoNode(source, fragments, used, id));
    }
  }
  return {
    operator: kind ? `${node.name} (${kind})` : node.name,
    details,
    estimatedRows: estimate(first.outputRowCount),
    estimatedCost: estimate(first.cpuCost),
    children,
  };
}

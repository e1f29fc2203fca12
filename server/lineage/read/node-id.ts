// Node ids as Marquez spells them: `dataset:<namespace>:<name>`, `job:<namespace>:<name>` and
// `datasetField:<namespace>:<dataset>:<field>`. The parts are joined by colons that the parts
// themselves may contain (`trino://host:8080`, `s3://bucket`, `file:/tmp`), so a node id alone is
// ambiguous. Marquez guesses (a colon followed by `//` or a digit is not a separator); we list
// every way to split it, Marquez's guess first, and let the database say which one names a
// dataset or job (server/lineage/read/resolve-node.ts).
import { DomainError } from "../../errors";

export type NodeKind = "dataset" | "job" | "datasetField";
export type NodeName = { namespace: string; name: string; field?: string };
export type ParsedNodeId = { kind: NodeKind; candidates: NodeName[] };

const PARTS: Record<NodeKind, number> = { dataset: 2, job: 2, datasetField: 3 };
/** Enough for any real name; a name with hundreds of colons is tried Marquez's way only. */
const MAX_CANDIDATES = 256;

export function datasetNodeId(namespace: string, name: string): string {
  return `dataset:${namespace}:${name}`;
}
export function jobNodeId(namespace: string, name: string): string {
  return `job:${namespace}:${name}`;
}
export function fieldNodeId(namespace: string, dataset: string, field: string): string {
  return `datasetField:${namespace}:${dataset}:${field}`;
}

/** Parses a node id into its kind and the possible (namespace, name[, field]) splits; 400 naming `nodeId` when it is none. */
export function parseNodeId(value: string, parameter = "nodeId"): ParsedNodeId {
  const colon = value.indexOf(":");
  const prefix = colon < 0 ? value : value.slice(0, colon);
  if (prefix !== "dataset" && prefix !== "job" && prefix !== "datasetField") {
    throw new DomainError("BAD_REQUEST", `${parameter} must start with 'dataset:', 'job:' or 'datasetField:' (got '${truncate(value)}').`);
  }
  const kind: NodeKind = prefix;
  const rest = value.slice(colon + 1);
  const colons = [...rest.matchAll(/:/g)].map((m) => m.index);
  const parts = PARTS[kind];
  if (colons.length < parts - 1) {
    const shape = kind === "datasetField" ? "datasetField:<namespace>:<dataset>:<field>" : `${kind}:<namespace>:<name>`;
    throw new DomainError("BAD_REQUEST", `${parameter} must look like ${shape} (got '${truncate(value)}').`);
  }
  const marquez = marquezSplit(rest, colons, parts);
  const candidates: NodeName[] = [];
  const seen = new Set<string>();
  const add = (cuts: number[]) => {
    const name = nameOf(rest, cuts);
    if (!name) return;
    const key = JSON.stringify(name);
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push(name);
  };
  if (marquez) add(marquez);
  for (const cuts of splits(colons, parts - 1)) {
    if (candidates.length >= MAX_CANDIDATES) break;
    add(cuts);
  }
  if (candidates.length === 0) throw new DomainError("BAD_REQUEST", `${parameter} names an empty namespace or name (got '${truncate(value)}').`);
  return { kind, candidates };
}

/** Marquez's rule: separators are the first colons not followed by `//` or a digit. */
function marquezSplit(rest: string, colons: number[], parts: number): number[] | null {
  const separators = colons.filter((i) => !/^(\/\/|\d)/.test(rest.slice(i + 1)));
  return separators.length >= parts - 1 ? separators.slice(0, parts - 1) : null;
}

/** Every choice of `count` separators among the colons, in order (namespace shortest first). */
function* splits(colons: number[], count: number): Generator<number[]> {
  if (count === 1) {
    for (const c of colons) yield [c];
    return;
  }
  for (let i = 0; i < colons.length; i++) for (let j = i + 1; j < colons.length; j++) yield [colons[i]!, colons[j]!];
}

function nameOf(rest: string, cuts: number[]): NodeName | null {
  const namespace = rest.slice(0, cuts[0]);
  if (cuts.length === 1) {
    const name = rest.slice(cuts[0]! + 1);
    return namespace && name ? { namespace, name } : null;
  }
  const name = rest.slice(cuts[0]! + 1, cuts[1]);
  const field = rest.slice(cuts[1]! + 1);
  return namespace && name && field ? { namespace, name, field } : null;
}

function truncate(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}

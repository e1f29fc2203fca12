// The lineage view around one dataset or job: upstream and downstream walked separately, each to
// its own depth, hop by hop over lineage_edges (one hop = one job↔dataset edge). Every answer is
// bounded and says what it left out: at most FANOUT neighbours of one node per hop (the rest are
// counted in that node's `hidden`), at most VIEW_NODE_LIMIT nodes in all; "expand" walks one
// node's side one hop further (up to EXPAND_LIMIT neighbours), "collapse" stops the walk there.
//
// As of a time, the walk follows the edges valid then and the edges valid now, and marks each
// edge: "removed" (valid then, gone now), "added" (new since), or unchanged — the diff a user
// reads after a job changed what it reads or writes.
import { Prisma } from "../../db/generated/client";
import type { Db } from "../../db/client";
import type { HandlerArgs } from "../../handler";
import { DomainError } from "../../errors";
import { resolveNode } from "../read/resolve-node";
import type { LineageSide, LineageViewEdge, LineageViewGraph, LineageViewNode } from "../../../lib/lineage/graph-view";
import { keyOf, loadNodeData, type NodeData, type NodeKey } from "./node-data";
import type { LineageViewInput } from "./schemas";

/** Neighbours of one node taken per hop; the rest are counted in the node's `hidden`. */
export const FANOUT = 100;
/** Nodes in one view at most (the nearest to the focus first). */
export const VIEW_NODE_LIMIT = 1_000;
/** Neighbours one "expand" adds at most. */
export const EXPAND_LIMIT = 200;

export type LineageView = {
  graph: LineageViewGraph;
  focusId: string;
  asOf: string | null;
  /** Edges added and removed since `asOf` (null without one). */
  changes: { added: number; removed: number } | null;
  /** What the view does not show, one sentence each (empty when it shows everything it walked). */
  leftOut: string[];
  /** The namespaces and owners of the datasets walked (before filters), for the filter menus. */
  namespaces: string[];
  owners: string[];
};

type Side = LineageSide;
type Step = { src: bigint; dst: bigint; total: number };

/** Which edges the walk follows: those open now, and with `asOf` also those valid then. */
function walkable(asOf: Date | undefined): Prisma.Sql {
  if (!asOf) return Prisma.sql`e.valid_to IS NULL`;
  const at = asOf.toISOString();
  return Prisma.sql`(e.valid_to IS NULL OR (e.valid_from <= ${at}::timestamptz AND e.valid_to > ${at}::timestamptz))`;
}

/** Upstream a dataset leads to the jobs writing it and a job to what it reads; downstream the reverse. */
function columnsFor(kind: "d" | "j", side: Side) {
  const from = kind === "d" ? "dataset_id" : "job_id";
  const to = kind === "d" ? "job_id" : "dataset_id";
  const direction = kind === "d" ? (side === "upstream" ? "output" : "input") : side === "upstream" ? "input" : "output";
  return { from: Prisma.raw(from), to: Prisma.raw(to), direction };
}

/** One hop from `ids` (all of one kind): at most `cap` neighbours each, with each one's total. */
async function step(db: Db, kind: "d" | "j", ids: bigint[], side: Side, valid: Prisma.Sql, cap: number): Promise<Step[]> {
  if (ids.length === 0) return [];
  const { from, to, direction } = columnsFor(kind, side);
  const rows = await db.$queryRaw<{ src: bigint; dst: bigint; total: number }[]>`
    SELECT src, dst, total::int AS total FROM (
      SELECT src, dst, row_number() OVER (PARTITION BY src ORDER BY dst) AS rn, count(*) OVER (PARTITION BY src) AS total
        FROM (SELECT DISTINCT e.${from} AS src, e.${to} AS dst FROM lineage_edges e
               WHERE e.${from} = ANY(${ids}::bigint[]) AND e.direction = ${direction} AND ${valid}) pairs
    ) ranked WHERE rn <= ${cap}`;
  return rows.map((r) => ({ src: BigInt(r.src), dst: BigInt(r.dst), total: r.total }));
}

/** Neighbours of each node on `side` that are not in the view. */
async function hiddenCounts(db: Db, kind: "d" | "j", ids: bigint[], inView: bigint[], side: Side, valid: Prisma.Sql): Promise<Map<bigint, number>> {
  if (ids.length === 0) return new Map();
  const { from, to, direction } = columnsFor(kind, side);
  const rows = await db.$queryRaw<{ src: bigint; hidden: number }[]>`
    SELECT src, count(*) FILTER (WHERE NOT (dst = ANY(${inView}::bigint[])))::int AS hidden
      FROM (SELECT DISTINCT e.${from} AS src, e.${to} AS dst FROM lineage_edges e
             WHERE e.${from} = ANY(${ids}::bigint[]) AND e.direction = ${direction} AND ${valid}) pairs
     GROUP BY src`;
  return new Map(rows.map((r) => [BigInt(r.src), r.hidden]));
}

const other = (kind: "d" | "j"): "d" | "j" => (kind === "d" ? "j" : "d");

async function resolveQuietly(db: Db, id: string): Promise<NodeKey | null> {
  try {
    const node = await resolveNode(db, id);
    return node.kind === "job" ? { kind: "j", id: node.id } : node.kind === "dataset" ? { kind: "d", id: node.id } : null;
  } catch (err) {
    if (err instanceof DomainError) return null; // a node gone since the link was shared: nothing to expand
    throw err;
  }
}

export async function lineageView({ ctx, input }: HandlerArgs<LineageViewInput>): Promise<LineageView> {
  const db = ctx.db;
  const start = await resolveNode(db, input.focus);
  if (start.kind === "datasetField") throw new DomainError("BAD_REQUEST", "focus: the view starts at a dataset or a job; pick a column in the column view.");
  const focus: NodeKey = { kind: start.kind === "job" ? "j" : "d", id: start.id };
  const valid = walkable(input.asOf);
  const leftOut: string[] = [];

  const collapsed = new Set<string>();
  for (const c of input.collapse) {
    const key = await resolveQuietly(db, c.id);
    if (key) collapsed.add(`${keyOf(key)}|${c.side}`);
  }

  // depth: signed hops from the focus (negative upstream).
  const depthOf = new Map<string, number>([[keyOf(focus), 0]]);
  const nodes = new Map<string, NodeKey>([[keyOf(focus), focus]]);
  let cutAtLimit = false;
  let fanoutCut = 0;

  const addStep = (rows: Step[], kind: "d" | "j", depth: number, cap: number) => {
    const added: NodeKey[] = [];
    const cutSources = new Set<bigint>();
    for (const r of rows) {
      if (r.total > cap) cutSources.add(r.src);
      const next: NodeKey = { kind: other(kind), id: r.dst };
      const key = keyOf(next);
      if (nodes.has(key)) continue;
      if (nodes.size >= VIEW_NODE_LIMIT) {
        cutAtLimit = true;
        break;
      }
      nodes.set(key, next);
      depthOf.set(key, depth);
      added.push(next);
    }
    fanoutCut += cutSources.size;
    return added;
  };

  for (const side of ["upstream", "downstream"] as const) {
    const depth = side === "upstream" ? input.up : input.down;
    const sign = side === "upstream" ? -1 : 1;
    let frontier: NodeKey[] = [focus];
    for (let hop = 1; hop <= depth && frontier.length > 0 && !cutAtLimit; hop++) {
      const open = frontier.filter((n) => !collapsed.has(`${keyOf(n)}|${side}`));
      const next: NodeKey[] = [];
      for (const kind of ["d", "j"] as const) {
        const ids = open.filter((n) => n.kind === kind).map((n) => n.id);
        next.push(...addStep(await step(db, kind, ids, side, valid, FANOUT), kind, sign * hop, FANOUT));
      }
      frontier = next;
    }
  }

  let data = await loadNodeData(db, [...nodes.values()]);
  const keyById = new Map([...data].map(([key, d]) => [d.id, key]));

  // Expanding a node walks its side one hop further than the depth did.
  for (const x of input.expand) {
    const key = keyById.get(x.id);
    const node = key ? nodes.get(key) : undefined;
    if (!node || cutAtLimit) continue;
    const sign = x.side === "upstream" ? -1 : 1;
    const added = addStep(await step(db, node.kind, [node.id], x.side, valid, EXPAND_LIMIT), node.kind, depthOf.get(keyOf(node))! + sign, EXPAND_LIMIT);
    if (added.length) {
      const more = await loadNodeData(db, added);
      data = new Map([...data, ...more]);
      for (const [k, d] of more) keyById.set(d.id, k);
    }
  }

  const all = [...nodes.values()];
  const datasetIds = all.filter((n) => n.kind === "d").map((n) => n.id);
  const jobIds = all.filter((n) => n.kind === "j").map((n) => n.id);
  const at = input.asOf?.toISOString() ?? null;
  const [hidden, edgeRows] = await Promise.all([
    Promise.all([
      hiddenCounts(db, "d", datasetIds, jobIds, "upstream", valid),
      hiddenCounts(db, "d", datasetIds, jobIds, "downstream", valid),
      hiddenCounts(db, "j", jobIds, datasetIds, "upstream", valid),
      hiddenCounts(db, "j", jobIds, datasetIds, "downstream", valid),
    ]),
    datasetIds.length && jobIds.length
      ? db.$queryRaw<{ job_id: bigint; dataset_id: bigint; direction: string; now: boolean; then: boolean }[]>`
          SELECT e.job_id, e.dataset_id, e.direction, bool_or(e.valid_to IS NULL) AS now,
                 bool_or(${at}::timestamptz IS NOT NULL AND e.valid_from <= ${at}::timestamptz AND (e.valid_to IS NULL OR e.valid_to > ${at}::timestamptz)) AS then
            FROM lineage_edges e
           WHERE e.job_id = ANY(${jobIds}::bigint[]) AND e.dataset_id = ANY(${datasetIds}::bigint[]) AND ${valid}
           GROUP BY e.job_id, e.dataset_id, e.direction`
      : Promise.resolve([]),
  ]);
  const [dUp, dDown, jUp, jDown] = hidden;

  const viewNodes: LineageViewNode[] = [];
  for (const n of all) {
    const d = data.get(keyOf(n));
    if (!d) continue;
    const up = (n.kind === "d" ? dUp : jUp).get(n.id) ?? 0;
    const down = (n.kind === "d" ? dDown : jDown).get(n.id) ?? 0;
    viewNodes.push({ ...publicNode(d), depth: depthOf.get(keyOf(n))!, hidden: { upstream: up, downstream: down } });
  }
  let edges: LineageViewEdge[] = [];
  for (const e of edgeRows) {
    const job = data.get(`j${e.job_id}`);
    const dataset = data.get(`d${e.dataset_id}`);
    if (!job || !dataset) continue;
    const [source, target] = e.direction === "input" ? [dataset.id, job.id] : [job.id, dataset.id];
    const change = at === null ? null : e.now && !e.then ? "added" : e.then && !e.now ? "removed" : null;
    edges.push({ id: `${source}>${target}`, source, target, change });
  }

  const namespaces = [...new Set(viewNodes.filter((n) => n.kind === "dataset").map((n) => n.namespace))].sort();
  const owners = [...new Set(viewNodes.flatMap((n) => n.owners ?? []))].sort();

  // Filters keep the focus, the datasets that match, and the jobs still linked to something kept.
  let kept = viewNodes;
  const focusId = data.get(keyOf(focus))!.id;
  if (input.namespace || input.owner) {
    const matches = (n: LineageViewNode) =>
      n.id === focusId || n.kind === "job" || ((!input.namespace || n.namespace === input.namespace) && (!input.owner || (n.owners ?? []).includes(input.owner)));
    const keptIds = new Set(kept.filter(matches).map((n) => n.id));
    edges = edges.filter((e) => keptIds.has(e.source) && keptIds.has(e.target));
    const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
    const before = kept;
    kept = kept.filter((n) => keptIds.has(n.id) && (n.kind === "dataset" || n.id === focusId || linked.has(n.id)));
    const sentence = filterSentence(before, kept, input);
    if (sentence) leftOut.push(sentence);
  }
  if (input.kinds !== "all") {
    const fold = input.kinds === "datasets" ? "job" : "dataset";
    const before = kept.filter((n) => n.kind === fold && n.id !== focusId).length;
    ({ nodes: kept, edges } = foldKind(kept, edges, focusId, fold));
    if (before > 0)
      leftOut.push(
        fold === "job"
          ? `${before} ${plural(before, "job")} folded into the edges between datasets (each edge names its job); choose “datasets and jobs” to see them.`
          : `${before} ${plural(before, "dataset")} folded into the edges between jobs (each edge names the dataset passed on); choose “datasets and jobs” to see them.`,
      );
  }

  if (fanoutCut > 0)
    leftOut.push(
      `${fanoutCut} ${plural(fanoutCut, "node has", "nodes have")} more than ${FANOUT} neighbours on one side; the first ${FANOUT} are shown and the rest counted on the node (expand it to see up to ${EXPAND_LIMIT}).`,
    );
  if (cutAtLimit) leftOut.push(`The view stopped at ${VIEW_NODE_LIMIT.toLocaleString("en-US")} nodes, the nearest to the focus first; lower the depth or filter to see the rest.`);
  const edgeIds = new Set(edges.map((e) => e.id));
  const hiddenTotal = kept.reduce((sum, n) => sum + (n.hidden?.upstream ?? 0) + (n.hidden?.downstream ?? 0), 0);
  if (hiddenTotal > 0 && fanoutCut === 0 && !cutAtLimit)
    leftOut.push(`Beyond the depth: ${hiddenTotal} more ${plural(hiddenTotal, "neighbour")} (shown as +n on the nodes; expand a node to add them).`);

  const changes = at === null ? null : { added: edges.filter((e) => e.change === "added").length, removed: edges.filter((e) => e.change === "removed").length };
  if (input.asOf) leftOut.push(...asOfSentences(input.asOf, edges));
  const gone = goneSentence(kept, data);
  if (gone) leftOut.push(gone);
  return { graph: { nodes: kept, edges: edges.filter((e) => edgeIds.has(e.id)) }, focusId, asOf: at, changes, leftOut, namespaces, owners };
}

function publicNode(d: NodeData): Omit<LineageViewNode, "depth"> {
  const { freshness: _f, catalogDatasetId: _c, gone: _g, ...node } = d;
  return node;
}

/** The datasets shown that no longer exist (a deleted table keeps its past lineage), named up to five. */
function goneSentence(shown: LineageViewNode[], data: Map<string, NodeData>): string | null {
  const why = new Map([...data.values()].filter((d) => d.gone).map((d) => [d.id, d.gone!]));
  const gone = shown.filter((n) => why.has(n.id));
  if (gone.length === 0) return null;
  const named = gone.slice(0, 5).map((n) => `${n.name} (${why.get(n.id)})`);
  const rest = gone.length > 5 ? `, and ${gone.length - 5} more` : "";
  return `${gone.length} ${plural(gone.length, "dataset")} shown no longer ${plural(gone.length, "exists", "exist")}: ${named.join(", ")}${rest}. ${plural(gone.length, "Its", "Their")} past lineage stays.`;
}

/** What the namespace and owner filters hid, by kind: the datasets that did not match, and the jobs left linked to nothing. */
function filterSentence(before: LineageViewNode[], after: LineageViewNode[], input: Pick<LineageViewInput, "namespace" | "owner">): string | null {
  const keptIds = new Set(after.map((n) => n.id));
  const gone = before.filter((n) => !keptIds.has(n.id));
  if (gone.length === 0) return null;
  const datasets = gone.filter((n) => n.kind === "dataset").length;
  const jobs = gone.length - datasets;
  const why = [input.namespace ? `outside namespace ${input.namespace}` : null, input.owner ? `not owned by ${input.owner}` : null].filter(Boolean).join(" or ");
  const parts = [datasets ? `${datasets} ${plural(datasets, "dataset")} ${why}` : null, jobs ? `${jobs} ${plural(jobs, "job")} linked only to those` : null].filter(Boolean);
  return `${gone.length} ${plural(gone.length, "node")} hidden by the filters: ${parts.join(", and ")}.`;
}

/** What an as-of answer means when it cannot show a difference: a time still to come, or one before anything shown existed. */
function asOfSentences(asOf: Date, edges: LineageViewEdge[]): string[] {
  if (asOf.getTime() > Date.now()) return ["The chosen time is in the future: the view shows the lineage as it is now, so nothing is marked."];
  if (edges.length > 0 && edges.every((e) => e.change === "added"))
    return ["None of the edges shown existed at the chosen time (it is before the first event that names them): every edge is marked added."];
  return [];
}

/**
 * One kind only: each node of the other kind becomes edges from what leads into it to what it
 * leads to, labelled with its name (a job between two datasets, or a dataset passed between two jobs).
 */
function foldKind(nodes: LineageViewNode[], edges: LineageViewEdge[], focusId: string, fold: "job" | "dataset"): LineageViewGraph {
  const middles = new Set(nodes.filter((n) => n.kind === fold && n.id !== focusId).map((n) => n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const folded = new Map<string, LineageViewEdge>();
  const into = new Map<string, LineageViewEdge[]>();
  const outOf = new Map<string, LineageViewEdge[]>();
  for (const e of edges) {
    if (middles.has(e.target)) into.set(e.target, [...(into.get(e.target) ?? []), e]);
    if (middles.has(e.source)) outOf.set(e.source, [...(outOf.get(e.source) ?? []), e]);
  }
  for (const middle of middles) {
    const ins = into.get(middle) ?? [];
    const outs = outOf.get(middle) ?? [];
    for (const i of ins)
      for (const o of outs) {
        const id = `${i.source}>${o.target}`;
        const change = i.change === "removed" || o.change === "removed" ? "removed" : i.change === "added" || o.change === "added" ? "added" : null;
        const prior = folded.get(id);
        const label = byId.get(middle)!.name;
        if (prior) prior.label = prior.label?.includes(label) ? prior.label : `${prior.label}, ${label}`;
        else folded.set(id, { id, source: i.source, target: o.target, change, label });
      }
  }
  return {
    nodes: nodes.filter((n) => !middles.has(n.id)),
    edges: [...edges.filter((e) => !middles.has(e.source) && !middles.has(e.target)), ...folded.values()],
  };
}

export const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

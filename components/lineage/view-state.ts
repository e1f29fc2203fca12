// What the /lineage page keeps in its URL, so a link shares the view: the focus, depths each way,
// filters, the as-of time, the selected node, the picked column, the path's two ends, collapsed
// tasks, expanded and collapsed sides, and the open panel.
import type { LineageSide } from "@/lib/lineage/graph-view";

type Params = { get(key: string): string | null; getAll(key: string): string[] };

export type SideRef = { id: string; side: LineageSide };
export type LineageViewState = {
  focus: string | null;
  up: number;
  down: number;
  /** "datasets" folds jobs into dataset → dataset edges, "jobs" folds datasets into job → job edges. */
  kinds: "all" | "datasets" | "jobs";
  namespace: string | null;
  owner: string | null;
  /** ISO time, or null for now. */
  asOf: string | null;
  selected: string | null;
  column: string | null;
  pathFrom: string | null;
  pathTo: string | null;
  tasks: boolean;
  expand: SideRef[];
  collapse: SideRef[];
  panel: "details" | "impact" | "columns";
  layout: "graph" | "list";
};

export const DEFAULT_DEPTH = 4;
const depthOf = (v: string | null) => {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n >= 0 && n <= 10 ? n : DEFAULT_DEPTH;
};
const text = (v: string | null, max = 4096) => (v && v.trim() ? v.slice(0, max) : null);
const sides = (values: string[]): SideRef[] =>
  values
    .map((v) => {
      const [side, ...rest] = v.split("~");
      return side === "up" || side === "down" ? { side: side === "up" ? ("upstream" as const) : ("downstream" as const), id: rest.join("~") } : null;
    })
    .filter((s): s is SideRef => s !== null && s.id.length > 0)
    .slice(0, 50);
const kindsOf = (v: string | null): LineageViewState["kinds"] => (v === "datasets" || v === "jobs" ? v : "all");
const time = (v: string | null) => (v && !Number.isNaN(new Date(v).getTime()) ? new Date(v).toISOString() : null);

export function viewStateFrom(params: Params): LineageViewState {
  const panel = params.get("panel");
  return {
    focus: text(params.get("focus")),
    up: depthOf(params.get("up")),
    down: depthOf(params.get("down")),
    kinds: kindsOf(params.get("kinds")),
    namespace: text(params.get("ns"), 1024),
    owner: text(params.get("owner"), 320),
    asOf: time(params.get("asOf")),
    selected: text(params.get("sel")),
    column: text(params.get("col"), 1024),
    pathFrom: text(params.get("from")),
    pathTo: text(params.get("to")),
    tasks: params.get("tasks") === "1",
    expand: sides(params.getAll("x")),
    collapse: sides(params.getAll("c")),
    panel: panel === "impact" || panel === "columns" ? panel : "details",
    layout: params.get("layout") === "list" ? "list" : "graph",
  };
}

/** The view's address; defaults are left out so the same view has one short link. */
export function viewHref(state: LineageViewState, path = "/lineage"): string {
  const q = new URLSearchParams();
  if (state.focus) q.set("focus", state.focus);
  if (state.up !== DEFAULT_DEPTH) q.set("up", String(state.up));
  if (state.down !== DEFAULT_DEPTH) q.set("down", String(state.down));
  if (state.kinds !== "all") q.set("kinds", state.kinds);
  if (state.namespace) q.set("ns", state.namespace);
  if (state.owner) q.set("owner", state.owner);
  if (state.asOf) q.set("asOf", state.asOf);
  if (state.selected) q.set("sel", state.selected);
  if (state.column) q.set("col", state.column);
  if (state.pathFrom) q.set("from", state.pathFrom);
  if (state.pathTo) q.set("to", state.pathTo);
  if (state.tasks) q.set("tasks", "1");
  for (const x of state.expand) q.append("x", `${x.side === "upstream" ? "up" : "down"}~${x.id}`);
  for (const c of state.collapse) q.append("c", `${c.side === "upstream" ? "up" : "down"}~${c.id}`);
  if (state.panel !== "details") q.set("panel", state.panel);
  if (state.layout !== "graph") q.set("layout", state.layout);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The view focused on one node with everything else at its default (a dataset's, job's or run's embedded view starts so). */
export function initialViewState(focus: string, patch: Partial<LineageViewState> = {}): LineageViewState {
  return { ...viewStateFrom(new URLSearchParams()), focus, selected: null, ...patch };
}

/** A new focus starts a fresh view (the old selection, path and expansions meant other nodes). */
export function focusedOn(state: LineageViewState, focus: string): LineageViewState {
  return { ...state, focus, selected: focus, column: null, pathFrom: null, pathTo: null, expand: [], collapse: [], panel: "details" };
}

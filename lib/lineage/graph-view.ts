// The lineage view's data, shared by the server (server/lineage/view/**, which builds it) and the
// drawing component (components/lineage-graph/**, which lays it out and draws it). Plain data
// only: it crosses tRPC and is posted to the layout Web Worker.

/** Marquez's node ids: `dataset:<namespace>:<name>` or `job:<namespace>:<name>`. */
export type LineageNodeId = string;
export type LineageNodeKind = "dataset" | "job";
export type LineageSide = "upstream" | "downstream";

export type LineageViewNode = {
  id: LineageNodeId;
  kind: LineageNodeKind;
  namespace: string;
  name: string;
  /** Signed hops from the focus: negative upstream, positive downstream, 0 the focus. */
  depth: number;
  /** The job that runs this one (a DAG for its tasks, a dbt project for its models), when known. */
  parentId?: LineageNodeId | null;
  /** A job's last run, or the last run that wrote a dataset. */
  lastRun?: { state: string; at: string | null } | null;
  /** The dataset is older than its freshness expectation (catalog freshness or the writer's cadence). */
  stale?: boolean;
  owners?: string[];
  /** Neighbours the view does not hold, per side: what "expand" would add. */
  hidden?: { upstream: number; downstream: number };
  /** The portal page of this node (dataset page, job page), when there is one. */
  href?: string | null;
  /** Extra lines drawn under the name (the picked column and its related columns, in the column view). */
  details?: string[];
};

export type LineageViewEdge = {
  id: string;
  source: LineageNodeId;
  target: LineageNodeId;
  /** In the as-of view: the edge appeared since the as-of time, or existed then and is gone now. */
  change?: "added" | "removed" | null;
  /** Drawn on the edge (a column view's transformation types, "IDENTITY", "AGGREGATION", …). */
  label?: string | null;
};

export type LineageViewGraph = {
  nodes: LineageViewNode[];
  edges: LineageViewEdge[];
};

/** What the drawing highlights: a path between two nodes, or the columns related to a picked column. */
export type LineageHighlight = { nodeIds: LineageNodeId[]; edgeIds: string[] } | null;

// How big one lineage answer may get: at most NODE_LIMIT nodes (the nearest to the start first),
// and a walk of at most WALK_LIMIT rows (a node reached at several levels counts at each), which
// bounds the work of a deep walk over a dense graph. A cut answer says so in `truncated`.
export const NODE_LIMIT = 5_000;
export const WALK_LIMIT = 200_000;

export type Truncation = { nodeLimit: number; message: string };

export function truncation(what: string): Truncation {
  return {
    nodeLimit: NODE_LIMIT,
    message: `The graph was cut at ${NODE_LIMIT.toLocaleString("en-US")} ${what}, the nearest to the start first; ask for a smaller depth to see all of it.`,
  };
}

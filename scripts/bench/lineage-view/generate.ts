// Generated lineage view graphs shaped like a lakehouse: alternating columns of datasets and jobs
// (raw → jobs → staging → jobs → marts …), each job reading 1–4 datasets of the column before
// (skewed: a few hub tables are read by many jobs) plus now and then one from further upstream,
// each dataset written by one job (sometimes two); a job that reads and writes the same table
// (a cycle); long names (500 characters), emoji, run states, stale badges, owners and hidden
// neighbour counts. Deterministic for a size. `depth` is the column relative to the middle one
// (the focus), as the server's view supplies it.
import type { LineageViewEdge, LineageViewGraph, LineageViewNode } from "@/lib/lineage/graph-view";

const STATES = ["COMPLETE", "COMPLETE", "COMPLETE", "FAIL", "RUNNING", "ABORT"];

export function generateLineageGraph(size: number, seed = 42): LineageViewGraph {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const columns = Math.max(4, Math.round(Math.log2(size) * 1.5));
  const perColumn = Math.ceil(size / columns);
  const focusColumn = Math.floor(columns / 2);
  const nodes: LineageViewNode[] = [];
  const edges: LineageViewEdge[] = [];
  const byColumn: string[][] = [];
  for (let c = 0; c < columns && nodes.length < size; c++) {
    const column: string[] = [];
    for (let r = 0; r < perColumn && nodes.length < size; r++) {
      const kind = c % 2 === 0 ? "dataset" : "job";
      const i = nodes.length;
      const namespace = kind === "dataset" ? (c === 0 ? "s3://raw" : "postgres://warehouse") : `airflow/${["orders", "billing", "marketing"][i % 3]}`;
      let name = kind === "dataset" ? `${["raw", "stg", "int", "mart"][Math.min(3, c >> 1)]}.table_${i}` : `dag_${c}.task_${i}`;
      if (i % 97 === 13) name = `${name}_${"very_long_name_".repeat(34)}`.slice(0, 500);
      if (i % 89 === 7) name = `${name} 📈 Umsätze`;
      const id = `${kind}:${namespace}:${name}`;
      column.push(id);
      nodes.push({
        id,
        kind,
        namespace,
        name,
        depth: c - focusColumn,
        lastRun: kind === "job" || random() < 0.7 ? { state: STATES[Math.floor(random() * STATES.length)]!, at: "2026-12-01T10:00:00Z" } : null,
        stale: kind === "dataset" && random() < 0.08,
        owners: random() < 0.6 ? ["data-platform", ...(random() < 0.3 ? ["analytics", "finance"] : [])] : [],
        hidden: c === 0 || c === columns - 1 ? { upstream: c === 0 ? Math.floor(random() * 5) : 0, downstream: c === columns - 1 ? Math.floor(random() * 5) : 0 } : undefined,
        details: i % 53 === 0 ? ["order_id ← orders.id", "amount ← SUM(lines.amount)"] : undefined,
      });
    }
    byColumn.push(column);
  }
  let edgeId = 0;
  const add = (source: string, target: string) => {
    const change = edgeId % 61 === 5 ? "added" : edgeId % 67 === 9 ? "removed" : null;
    edges.push({ id: `e${edgeId++}`, source, target, change, label: edgeId % 41 === 0 ? "IDENTITY" : null });
  };
  for (let c = 1; c < byColumn.length; c++) {
    const before = byColumn[c - 1]!;
    for (const target of byColumn[c]!) {
      if (c % 2 === 1) {
        // A job reads 1–4 datasets, hubs more often.
        const reads = 1 + Math.floor(random() * 4);
        for (let k = 0; k < reads; k++) add(before[Math.floor(random() * random() * before.length)]!, target);
        if (c >= 3 && random() < 0.1) add(byColumn[c - 3]![Math.floor(random() * byColumn[c - 3]!.length)]!, target);
      } else {
        add(before[Math.floor(random() * before.length)]!, target);
        if (random() < 0.15) add(before[Math.floor(random() * before.length)]!, target);
      }
    }
  }
  // A job that reads and writes the same table.
  if (byColumn.length > 2) add(byColumn[2]![0]!, byColumn[1]![0]!);
  return { nodes, edges };
}

// Points for the chart. Charts of more than a few thousand points are unreadable and slow to
// draw, so large results are sampled evenly (every n-th row), and the chart says so.
import type { RowStore } from "../run/row-store";
import { toNumber } from "./cell-format";

export const MAX_CHART_POINTS = 5_000;

export type ChartPoint = { x: string | number; y: number };

export function chartPoints(rows: RowStore<unknown[]>, rowCount: number, xIndex: number, yIndex: number, numericX: boolean, max = MAX_CHART_POINTS) {
  const step = Math.max(1, Math.ceil(rowCount / max));
  const points: ChartPoint[] = [];
  for (let i = 0; i < rowCount; i += step) {
    const row = rows.get(i);
    if (!row) continue;
    const y = toNumber(row[yIndex]);
    if (y === null) continue;
    const rawX = row[xIndex];
    const x = numericX ? toNumber(rawX) : rawX === null || rawX === undefined ? "NULL" : typeof rawX === "object" ? JSON.stringify(rawX) : String(rawX);
    if (x === null) continue;
    points.push({ x, y });
  }
  return { points, step, sampled: step > 1 };
}

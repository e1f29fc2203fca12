// Worker thread of scripts/bench/results.ts: fetches a run's frame stream and reads it as the
// workbench does (lib/sql/frames.ts readFrames, every column page decoded), in a thread of its
// own as the browser reads in a process of its own.
import { parentPort, workerData } from "node:worker_threads";
import { ColumnPage } from "../../lib/sql/column-page";
import { chunksOf, FRAME_PAGE, readFrames } from "../../lib/sql/frames";

const started = performance.now();
const res = await fetch(workerData as string);
let rows = 0;
let firstRowMs = 0;
for await (const frame of readFrames(chunksOf(res.body!))) {
  if (frame.kind !== FRAME_PAGE) continue;
  if (!rows) firstRowMs = performance.now() - started;
  rows += ColumnPage.decode(frame.payload).length;
}
parentPort!.postMessage({ firstRowMs, totalMs: performance.now() - started, rows });

// The main thread's side of the layout worker: one worker per page, requests by id, and a small
// cache of finished layouts keyed by layoutKey, so a re-render, a selection, a highlight or a
// remount with the same graph never lays it out again.
import { layoutLayered, type LayeredLayout, type LayoutInput } from "@/lib/lineage/layout/layered";
import { layoutKey } from "@/lib/lineage/layout/key";

export type LayoutRequest = { id: number; key: string; input: LayoutInput };
export type LayoutResponse = { id: number; key: string; layout: LayeredLayout; ms: number } | { id: number; key: string; error: string };
export type LayoutResult = { key: string; layout: LayeredLayout; ms: number; cached: boolean };

const CACHE_SIZE = 8;
const cache = new Map<string, { layout: LayeredLayout; ms: number }>();
const waiting = new Map<number, { resolve(result: LayoutResult): void; reject(error: Error): void }>();
let worker: Worker | null = null;
let nextId = 1;

function startWorker(): Worker | null {
  if (worker || typeof Worker === "undefined") return worker;
  worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module", name: "lineage-layout" });
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const message = event.data;
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (!pending) return;
    if ("error" in message) {
      pending.reject(new Error(message.error));
      return;
    }
    remember(message.key, message.layout, message.ms);
    pending.resolve({ key: message.key, layout: message.layout, ms: message.ms, cached: false });
  };
  worker.onerror = (event) => {
    // A worker that cannot start (blocked script, old browser) fails every pending request.
    for (const pending of waiting.values()) pending.reject(new Error(event.message || "The layout worker failed"));
    waiting.clear();
    worker = null;
  };
  return worker;
}

function remember(key: string, layout: LayeredLayout, ms: number) {
  cache.delete(key);
  cache.set(key, { layout, ms });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** Lays the graph out in the worker, or answers from the cache. */
export function requestLayout(input: LayoutInput): Promise<LayoutResult> {
  const key = layoutKey(input);
  const hit = cache.get(key);
  if (hit) {
    remember(key, hit.layout, hit.ms);
    return Promise.resolve({ key, layout: hit.layout, ms: hit.ms, cached: true });
  }
  const target = startWorker();
  if (!target) {
    // No Web Worker (not expected in the browsers we serve): lay out here rather than draw nothing.
    const started = performance.now();
    const layout = layoutLayered(input);
    const ms = performance.now() - started;
    remember(key, layout, ms);
    return Promise.resolve({ key, layout, ms, cached: false });
  }
  const id = nextId++;
  return new Promise<LayoutResult>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    target.postMessage({ id, key, input } satisfies LayoutRequest);
  });
}

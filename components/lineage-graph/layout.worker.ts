// The layout runs here, off the main thread: a 10,000-node layout takes ~0.3–0.6 s, which would
// block the page as one long task. Messages: LayoutRequest in, LayoutResponse out.
import { layoutLayered } from "@/lib/lineage/layout/layered";
import type { LayoutRequest, LayoutResponse } from "./layout-client";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

scope.onmessage = (event) => {
  const { id, key, input } = event.data;
  const started = performance.now();
  try {
    const layout = layoutLayered(input);
    scope.postMessage({ id, key, layout, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id, key, error: error instanceof Error ? error.message : String(error) });
  }
};

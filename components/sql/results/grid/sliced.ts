// Long work in the browser, in slices: a generator does the work and yields now and then; the
// driver runs it for about SLICE_MS, then lets the page paint and handle input before the next
// slice (a MessageChannel macrotask: setTimeout would be clamped to 4 ms between slices). Sorting
// or filtering 1,000,000 rows so never freezes the page, and can be cancelled between slices.

const SLICE_MS = 12;

/** What a work generator yields: how far it is, 0…1 (yield often; the driver checks the clock). */
export type Progress = number;

export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export function runSliced<T>(work: Generator<Progress, T>, options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const channel = new MessageChannel();
    const finish = () => channel.port1.close();
    const step = () => {
      if (options.signal?.aborted) {
        finish();
        reject(new CancelledError());
        return;
      }
      const until = performance.now() + SLICE_MS;
      let last = 0;
      try {
        for (;;) {
          const next = work.next();
          if (next.done) {
            finish();
            resolve(next.value);
            return;
          }
          last = next.value;
          if (performance.now() >= until) break;
        }
      } catch (err) {
        finish();
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      options.onProgress?.(last);
      channel.port2.postMessage(null);
    };
    channel.port1.onmessage = step;
    step();
  });
}

// One run of a statement: POST /api/sql/execute (or GET /api/sql/runs/:id/result to re-open a
// kept result: the same events), read the NDJSON event stream, keep the rows in a RowStore. Framework-free so it can be tested without a browser; React reads it through
// subscribe/getSnapshot (useSyncExternalStore).
//
// Why it stays smooth for 1,000,000 rows:
// - rows are appended to pages, never copied;
// - the snapshot React sees is re-created at most once per animation frame, however many row
//   pages arrived in between (terminal events publish at once);
// - after ~10 ms of parsing the loop yields a macrotask, so the browser can paint and scroll even
//   when the network hands over megabytes at a time;
// - a run asks for binary frames (lib/sql/frames.ts): a page of rows arrives as a column page and
//   is kept as it is, its values decoded only when the grid (or a sort, a chart) reads them.
import { ColumnPage, columnPageEvent } from "@/lib/sql/column-page";
import { chunksOf, FRAME_PAGE, FRAMES_CONTENT_TYPE, parseEventFrame, readFrames } from "@/lib/sql/frames";
import { readNdjson } from "./ndjson";
import { RowStore } from "./row-store";
import type { ExecuteBody, RunError, RunEvent, RunSnapshot, RunStatus } from "./types";

export type QueryRunDeps = {
  fetch: typeof fetch;
  /** sql.cancel({ runId }) through tRPC. */
  cancelOnServer: (runId: string) => Promise<unknown>;
  /** Batches snapshot updates: calls back on an animation frame at least `delayMs` from now. */
  scheduleFrame: (callback: () => void, delayMs: number) => void;
  /** Lets the browser breathe; a MessageChannel macrotask in the browser. */
  yieldToBrowser: () => Promise<void>;
  now: () => number;
};

const BUSY_SLICE_MS = 10;
/** Frames preferred (column pages, kept undecoded); NDJSON understood too. */
const ACCEPT = `${FRAMES_CONTENT_TYPE}, application/x-ndjson;q=0.9`;
/** Rows arrive thousands at a time; showing the count ten times a second is plenty, and each
 * snapshot re-renders the progress bar and the grid. */
const PUBLISH_INTERVAL_MS = 100;

export class QueryRun {
  private snapshot: RunSnapshot;
  /** The mutable state the stream writes into; copied into `snapshot` once per frame. */
  private draft: RunSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly controller = new AbortController();
  private framePending = false;
  private lastPublished = -Infinity;

  constructor(
    readonly request: ExecuteBody,
    private readonly deps: QueryRunDeps,
    /** Re-open this run's kept result instead of running the statement. */
    private readonly reopenRunId: string | null = null,
  ) {
    this.draft = {
      status: "running",
      request,
      runId: null,
      verb: null,
      statementKind: null,
      columns: null,
      rows: new RowStore(),
      rowCount: 0,
      truncated: false,
      updateCount: null,
      keptUntil: null,
      reopened: reopenRunId !== null,
      progress: null,
      startedAt: deps.now(),
      finishedAt: null,
      error: null,
    };
    this.snapshot = { ...this.draft };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunSnapshot => this.snapshot;

  get active(): boolean {
    return this.draft.status === "running";
  }

  async start(): Promise<void> {
    let response: Response;
    try {
      response = this.reopenRunId
        ? await this.deps.fetch(`/api/sql/runs/${encodeURIComponent(this.reopenRunId)}/result`, {
            headers: { accept: ACCEPT },
            signal: this.controller.signal,
          })
        : await this.deps.fetch("/api/sql/execute", {
            method: "POST",
            headers: { "content-type": "application/json", accept: ACCEPT },
            body: JSON.stringify(this.request),
            signal: this.controller.signal,
          });
    } catch (err) {
      if (!this.active) return; // cancelled by the user meanwhile
      this.finish("failed", { kind: "network", message: networkMessage(err) });
      return;
    }
    if (!response.ok || !response.body) {
      await this.refuse(response);
      return;
    }
    try {
      let sliceStart = this.deps.now();
      for await (const event of runEvents(response)) {
        this.apply(event);
        if (!this.active) break;
        if (this.deps.now() - sliceStart > BUSY_SLICE_MS) {
          await this.deps.yieldToBrowser();
          sliceStart = this.deps.now();
        }
      }
      // The stream ended without `finished` or `error` (server restarted, proxy cut it).
      if (this.active) this.finish("failed", { kind: "network", message: "The connection to the server closed before the query finished." });
    } catch (err) {
      if (!this.active) return;
      this.finish("failed", { kind: "network", message: networkMessage(err) });
    }
  }

  /** Stops the query on the engine (sql.cancel) and stops reading (abort): both, so neither a lost request nor a slow engine leaves it running. */
  cancel(): void {
    if (!this.active) return;
    const runId = this.draft.runId;
    if (runId && !this.reopenRunId) void this.deps.cancelOnServer(runId).catch(() => undefined);
    this.controller.abort();
    this.finish("cancelled", { kind: "cancelled", message: "Cancelled: the query was stopped." });
  }

  /** Stops reading without reporting (the tab was closed). */
  dispose(): void {
    if (this.active) this.cancel();
    this.listeners.clear();
  }

  private apply(event: RunEvent): void {
    const d = this.draft;
    switch (event.type) {
      case "run":
        d.runId = event.runId;
        d.verb = event.verb;
        d.statementKind = event.statementKind;
        break;
      case "started":
        break;
      case "stored":
        d.keptUntil = event.expiresAt;
        break;
      case "progress":
        d.progress = event.progress;
        break;
      case "columns":
        d.columns = event.columns;
        break;
      case "rows":
        d.rows.append(event.page ?? event.rows);
        d.rowCount = d.rows.length;
        break;
      case "finished":
        d.truncated = event.truncated;
        d.updateCount = event.updateCount;
        this.finish("succeeded", null);
        return;
      case "error": {
        const error: RunError = { kind: event.kind, message: event.message, line: event.line, column: event.column };
        this.finish(event.kind === "cancelled" ? "cancelled" : "failed", error);
        return;
      }
    }
    this.publishSoon();
  }

  private async refuse(response: Response): Promise<void> {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    const message = typeof body?.error === "string" ? body.error : `The server answered ${response.status} ${response.statusText}.`;
    const status: RunStatus = response.status === 412 ? "needs-confirmation" : "refused";
    const friendly = response.status === 401 ? "Your session has ended. Sign in again, then run the query." : message;
    const kind = this.reopenRunId && response.status === 404 ? "expired" : "http";
    this.finish(status, { kind, message: friendly, httpStatus: response.status });
  }

  private finish(status: RunStatus, error: RunError | null): void {
    this.draft.status = status;
    this.draft.error = error;
    this.draft.finishedAt = this.deps.now();
    this.publishNow();
  }

  private publishSoon(): void {
    if (this.framePending) return;
    this.framePending = true;
    const delay = Math.max(0, this.lastPublished + PUBLISH_INTERVAL_MS - this.deps.now());
    this.deps.scheduleFrame(() => {
      this.framePending = false;
      this.publishNow();
    }, delay);
  }

  private publishNow(): void {
    this.lastPublished = this.deps.now();
    this.snapshot = { ...this.draft };
    for (const listener of this.listeners) listener();
  }
}

function networkMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/failed to fetch|networkerror|load failed|network/i.test(message)) return "The portal cannot be reached. Check your connection and try again.";
  return `Reading the result failed: ${message}`;
}

/** The browser's implementations of the scheduling hooks. */
export function browserDeps(cancelOnServer: QueryRunDeps["cancelOnServer"]): QueryRunDeps {
  const channel = typeof MessageChannel === "undefined" ? null : new MessageChannel();
  const waiting: (() => void)[] = [];
  if (channel) channel.port1.onmessage = () => waiting.shift()?.();
  return {
    fetch: (...args) => fetch(...args),
    cancelOnServer,
    // A hidden tab gets no animation frames; the timer alone keeps the result current there.
    scheduleFrame: (callback, delayMs) => void setTimeout(() => (document.hidden ? callback() : requestAnimationFrame(() => callback())), delayMs),
    // MessageChannel rather than setTimeout: timers are clamped (and throttled in hidden tabs).
    yieldToBrowser: () =>
      new Promise<void>((resolve) => {
        if (!channel) return void setTimeout(resolve, 0);
        waiting.push(resolve);
        channel.port2.postMessage(null);
      }),
    now: () => performance.now(),
  };
}

/** A run's events from either stream the server may answer with (frames, or NDJSON). */
async function* runEvents(response: Response): AsyncGenerator<RunEvent> {
  const body = response.body!;
  if (!response.headers.get("content-type")?.startsWith(FRAMES_CONTENT_TYPE)) {
    yield* readNdjson<RunEvent>(body);
    return;
  }
  for await (const frame of readFrames(chunksOf(body))) {
    if (frame.kind === FRAME_PAGE) yield columnPageEvent(ColumnPage.decode(frame.payload));
    else yield parseEventFrame(frame.payload) as RunEvent;
  }
}

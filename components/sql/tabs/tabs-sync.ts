// Keeps a TabsStore (localStorage, the immediate copy) in step with the user's tabs on the server
// (sql.tabs.sync), in the background: changes are sent after a short pause, failures are retried
// with a growing delay, and the server's changes (another browser's) are pulled on a timer and
// whenever the page comes back. Framework-free; the transport is passed in, so tests run it
// against a fake server without a browser.
//
// Conflicts are the server's to decide (server/sql/tabs): a stale write becomes a copy tab there;
// this side then shows the winner's text in the tab and the user's own text in the copy.
import type { z } from "zod";
import type { tabsSyncInput } from "@/server/sql/tabs/schemas";
import type { ChangeResult, CloseResult, ServerTab } from "@/server/sql/tabs/tabs";
import { isRowLimit, DEFAULT_ROW_LIMIT, type TabsStore, type WorkbenchTab } from "./tabs-store";

/** What sql.tabs.sync takes, as the browser sends it (every field given: z.input would leave defaults optional). */
export type SyncRequest = z.output<typeof tabsSyncInput>;
export type SyncResponse = { changes: ChangeResult[]; closes: CloseResult[]; tabs: ServerTab[] };

export type TabsTransport = { sync(request: SyncRequest): Promise<SyncResponse> };

/** A failed request; `retryable` = the network or the server was down, not the request refused. */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export type SyncStatus =
  | { state: "saved" }
  | { state: "saving" }
  | { state: "offline"; message: string }
  /** Something is not kept on the server (a limit, a refused request); it stays in this browser. */
  | { state: "refused"; message: string };

export type SyncNotice =
  | { kind: "conflict"; title: string; copyTitle: string; updatedFrom: string }
  | { kind: "reopened"; title: string; updatedFrom: string }
  | { kind: "closed-elsewhere"; title: string };

type Timers = { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
export type SyncOptions = {
  writer: string;
  device: string;
  /** Pause after the last keystroke before sending. */
  debounceMs?: number;
  /** How often to look for another browser's changes. */
  pullEveryMs?: number;
  timers?: Timers;
};

/** One request carries at most this much SQL (the server caps tRPC bodies at 2 MB). */
const REQUEST_SQL_BUDGET = 1_500_000;
const MAX_CHANGES_PER_REQUEST = 50;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const encoder = new TextEncoder();

export class TabsSync {
  private status: SyncStatus = { state: "saving" };
  private readonly statusListeners = new Set<() => void>();
  private readonly noticeListeners = new Set<(notice: SyncNotice) => void>();
  private readonly remoteListeners = new Set<(ids: string[]) => void>();
  /** Tabs the server refused, at the local version it refused: not sent again until they change. */
  private readonly refused = new Map<string, { version: number; message: string }>();
  private inFlight = false;
  private again = false;
  private failures = 0;
  private timer: unknown = null;
  private stopped = false;
  private first = true;
  /** The first request has been answered (or has failed): the tabs shown are the account's. */
  private answered = false;
  private unsubscribe: (() => void) | null = null;
  private readonly timers: Timers;

  constructor(
    private readonly store: TabsStore,
    private readonly transport: TabsTransport,
    private readonly options: SyncOptions,
  ) {
    this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  }

  /** Pulls the server's tabs now (a first load merges them) and sends local changes from then on. */
  start(): void {
    this.stopped = false;
    this.unsubscribe ??= this.store.onLocalChange(() => this.schedule(this.options.debounceMs ?? 800));
    void this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  getStatus = (): SyncStatus => this.status;
  isAnswered = (): boolean => this.answered;
  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };
  onNotice(listener: (notice: SyncNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }
  /** Tabs whose text the server replaced (another browser's edit): the editor updates their models. */
  onRemoteText(listener: (ids: string[]) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  /** The browser went offline: say so at once, without waiting for a request to fail. */
  wentOffline(): void {
    this.setStatus({ state: "offline", message: "Offline — kept in this browser" });
  }

  /** Sends and pulls now (back online, page shown again); a request in flight is followed by one more. */
  async syncNow(): Promise<void> {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.inFlight = true;
    if (this.hasLocalChanges()) this.setStatus({ state: "saving" });
    let next: { ms: number } | null = null;
    try {
      let more = true;
      while (more && !this.stopped) {
        this.again = false;
        const request = this.buildRequest();
        const response = await this.transport.sync(request.body);
        this.apply(request, response);
        this.failures = 0;
        more = this.again || request.truncated;
      }
      this.setStatus(this.settledStatus());
      next = { ms: this.options.pullEveryMs ?? 15_000 };
    } catch (err) {
      const retryable = !(err instanceof SyncError) || err.retryable;
      const message = err instanceof Error ? err.message : String(err);
      if (retryable) {
        this.failures++;
        this.setStatus({ state: "offline", message: "Offline — kept in this browser" });
        next = { ms: RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)]! };
      } else {
        // Refused as a whole: sending it again unchanged would be refused again. The next change retries.
        this.setStatus({ state: "refused", message: `Not saved to your account: ${message}` });
      }
    } finally {
      this.inFlight = false;
      if (!this.answered) {
        this.answered = true;
        for (const listener of this.statusListeners) listener();
      }
    }
    // A change made while a failed request was out waits for the retry, like any other change.
    if (next) this.schedule(next.ms);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.syncNow();
    }, ms);
    if (this.status.state === "saved" && this.hasLocalChanges()) this.setStatus({ state: "saving" });
  }

  private hasLocalChanges(): boolean {
    return (
      this.store.closed.length > 0 || this.store.orderDirty || this.store.getSnapshot().tabs.some((t) => t.dirty && this.refused.get(t.id)?.version !== this.store.versionOf(t.id))
    );
  }

  private settledStatus(): SyncStatus {
    const [refusal] = this.refused.values();
    if (refusal) return { state: "refused", message: refusal.message };
    return this.hasLocalChanges() ? { state: "saving" } : { state: "saved" };
  }

  private buildRequest() {
    const { tabs } = this.store.getSnapshot();
    const sent = new Map<string, number>();
    const changes: SyncRequest["changes"] = [];
    let budget = REQUEST_SQL_BUDGET;
    let truncated = false;
    for (const tab of tabs) {
      if (!tab.dirty || !UUID.test(tab.id)) continue;
      const version = this.store.versionOf(tab.id);
      if (this.refused.get(tab.id)?.version === version) continue;
      const bytes = encoder.encode(tab.sql).length;
      if (changes.length >= MAX_CHANGES_PER_REQUEST || (changes.length > 0 && bytes > budget)) {
        truncated = true;
        continue;
      }
      budget -= bytes;
      sent.set(tab.id, version);
      changes.push({
        id: tab.id,
        baseRevision: tab.revision,
        title: tab.title,
        sql: tab.sql,
        engineId: tab.engineId,
        catalog: tab.catalog,
        schema: tab.schema,
        limit: tab.limit,
        savedQueryId: tab.savedQueryId,
        savedVersion: tab.savedVersion,
        keptRunId: tab.keptRunId,
      });
    }
    // The server reads at most 200 of each (far more tabs than it keeps, MAX_TABS = 50).
    const ids = tabs
      .map((t) => t.id)
      .filter((id) => UUID.test(id))
      .slice(0, 200);
    const body: SyncRequest = {
      writer: this.options.writer,
      device: this.options.device,
      changes,
      closes: this.store.closed.slice(0, 200).map((c) => ({ id: c.id, baseRevision: c.revision })),
      order: this.store.orderDirty ? ids : null,
      known: tabs.flatMap((t) => (t.revision !== null && UUID.test(t.id) ? [{ id: t.id, revision: t.revision }] : [])).slice(0, 200),
    };
    return { body, sent, orderVersion: this.store.orderVersion, pristine: this.first && this.store.pristine, truncated };
  }

  private apply(request: ReturnType<TabsSync["buildRequest"]>, response: SyncResponse): void {
    const snapshot = this.store.getSnapshot();
    let tabs = [...snapshot.tabs];
    let activeId = snapshot.activeId;
    const resolved = new Set(response.closes.map((c) => c.id));
    const closed = this.store.closed.filter((c) => !resolved.has(c.id));
    const server = new Map(response.tabs.map((t) => [t.id, t]));
    const remote = new Set<string>();
    const notices: SyncNotice[] = [];
    const changedSince = (id: string) => this.store.versionOf(id) !== request.sent.get(id);

    for (const result of response.changes) {
      const index = tabs.findIndex((t) => t.id === result.id);
      const local = tabs[index];
      if (result.outcome === "saved") {
        this.refused.delete(result.id);
        if (local) tabs[index] = { ...local, revision: result.revision, dirty: changedSince(result.id) };
        else closed.push({ id: result.id, revision: result.revision }); // closed while the request was out
      } else if (result.outcome === "refused") {
        this.refused.set(result.id, { version: request.sent.get(result.id) ?? 0, message: result.message });
      } else {
        this.refused.delete(result.id);
        notices.push({ kind: "conflict", title: local?.title ?? result.copyTitle, copyTitle: result.copyTitle, updatedFrom: result.updatedFrom });
        if (!local) continue; // closed here meanwhile: the copy arrives with the server's tabs
        // The copy holds what is typed here now (maybe more than was sent: then it is sent again).
        const copy: WorkbenchTab = { ...local, id: result.copyId, title: result.copyTitle, revision: 1, dirty: changedSince(result.id) };
        const winner = server.get(result.id);
        tabs.splice(index, 1, ...(winner?.content ? [fromServer(winner), copy] : [copy]));
        if (winner?.content) remote.add(result.id);
        if (activeId === result.id) activeId = copy.id;
      }
    }
    for (const result of response.closes) {
      if (result.outcome !== "kept") continue;
      notices.push({ kind: "reopened", title: server.get(result.id)?.content?.title ?? "A tab", updatedFrom: result.updatedFrom });
    }

    // Another browser's changes: new tabs, new text of tabs unchanged here, tabs closed there.
    for (const tab of response.tabs) {
      const index = tabs.findIndex((t) => t.id === tab.id);
      const local = tabs[index];
      if (local) {
        if (tab.content && !local.dirty && local.revision !== tab.revision) {
          tabs[index] = fromServer(tab);
          if (local.sql !== tab.content.sql) remote.add(tab.id);
        }
      } else if (tab.content && !closed.some((c) => c.id === tab.id)) {
        tabs.push(fromServer(tab));
      }
    }
    const gone = tabs.filter((t) => t.revision !== null && !t.dirty && !server.has(t.id));
    if (gone.length > 0 && !request.pristine) for (const t of gone) notices.push({ kind: "closed-elsewhere", title: t.title });
    tabs = tabs.filter((t) => !gone.includes(t));
    // A first visit's empty tab gives way to the account's tabs.
    if (request.pristine && response.tabs.length > 0 && this.store.pristine) {
      tabs = tabs.filter((t) => t.revision !== null);
      activeId = newestOf(response.tabs) ?? activeId;
    }
    this.first = false;

    const orderDirty = this.store.orderDirty && (request.body.order === null || this.store.orderVersion !== request.orderVersion);
    if (!orderDirty) tabs = inServerOrder(tabs, response.tabs);
    if (!tabs.some((t) => t.id === activeId)) {
      const oldIndex = snapshot.tabs.findIndex((t) => t.id === activeId);
      activeId = tabs[Math.min(Math.max(oldIndex, 0), tabs.length - 1)]?.id ?? activeId;
    }
    this.store.replace(tabs, activeId, { closed, orderDirty });
    for (const notice of notices) for (const listener of this.noticeListeners) listener(notice);
    if (remote.size > 0) for (const listener of this.remoteListeners) listener([...remote]);
  }

  private setStatus(status: SyncStatus): void {
    if (status.state === this.status.state && ("message" in status ? status.message : "") === ("message" in this.status ? this.status.message : "")) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

function fromServer(tab: ServerTab): WorkbenchTab {
  const c = tab.content!;
  return {
    id: tab.id,
    title: c.title,
    sql: c.sql,
    engineId: c.engineId,
    catalog: c.catalog,
    schema: c.schema,
    limit: isRowLimit(c.limit) ? c.limit : DEFAULT_ROW_LIMIT,
    savedQueryId: c.savedQueryId,
    savedVersion: c.savedVersion,
    keptRunId: c.keptRunId,
    revision: tab.revision,
    dirty: false,
  };
}

function newestOf(tabs: ServerTab[]): string | null {
  let newest: ServerTab | null = null;
  for (const t of tabs) if (t.content && (!newest?.content || t.content.updatedAt > newest.content.updatedAt)) newest = t;
  return newest?.id ?? null;
}

/** The server's order; tabs only this browser has keep their place among the others. */
function inServerOrder(tabs: WorkbenchTab[], serverTabs: ServerTab[]): WorkbenchTab[] {
  const rank = new Map(serverTabs.map((t, i) => [t.id, i]));
  const ordered = tabs.filter((t) => rank.has(t.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  tabs.forEach((t, i) => {
    if (!rank.has(t.id)) ordered.splice(Math.min(i, ordered.length), 0, t);
  });
  return ordered;
}

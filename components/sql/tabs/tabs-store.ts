// Editor tabs: their titles, SQL and query context (engine, catalog, schema, row limit), kept in
// localStorage so tabs and their SQL come back after a reload at once, offline too. Framework-free
// (tested without a browser); one store per signed-in user per browser tab, shared by the
// workbench and by the history and saved pages, whose "Open in editor" adds a tab here.
//
// The server keeps a copy per user (tabs-sync.ts pushes and pulls it). For that each tab carries
// the server revision it last agreed with and whether it changed since (`dirty`); closed tabs wait
// in `closed` until the server has closed them too. Both are stored, so an edit made offline
// survives a reload and is sent later.
//
// SQL changes on every keystroke: setSql updates the stored text without notifying React (the
// Monaco model is the live copy), and writes to localStorage are debounced.

export const ROW_LIMITS = [100, 1_000, 10_000, 100_000, 1_000_000] as const;
export type RowLimit = (typeof ROW_LIMITS)[number];
export const DEFAULT_ROW_LIMIT: RowLimit = 1_000;

export type WorkbenchTab = {
  id: string;
  title: string;
  sql: string;
  engineId: string | null;
  catalog: string | null;
  schema: string | null;
  limit: RowLimit;
  /** The saved query this tab was opened from or saved as. */
  savedQueryId: string | null;
  /** That saved query's version (updatedAt, ISO) when the tab got it: saving over a later change is refused. */
  savedVersion: string | null;
  /** The tab's latest run whose result the server keeps: shown again after a reload. */
  keptRunId: string | null;
  /** The server revision this tab last matched (null: never saved to the account). */
  revision: number | null;
  /** Changed here since it last matched the server. */
  dirty: boolean;
};

export type TabContent = Omit<WorkbenchTab, "id" | "revision" | "dirty">;
export type TabDraft = Partial<TabContent>;

export type TabsState = { tabs: WorkbenchTab[]; activeId: string };
type Closed = { id: string; revision: number };
type Stored = TabsState & { closed: Closed[]; orderDirty: boolean };

/** Before tabs were kept per user: moved to the first user who signs in on this browser, once. */
export const LEGACY_STORAGE_KEY = "portal.workbench.tabs.v1";
export const storageKeyFor = (userId: string) => `portal.workbench.tabs.v2.${userId}`;
const WRITE_DELAY_MS = 300;
const TITLE_LENGTH = 120;

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem">;

export class TabsStore {
  private state: TabsState;
  /** Tabs closed here whose server copy is still open. */
  closed: Closed[];
  /** The order changed here (open, close, move) since the server last got it. */
  orderDirty: boolean;
  /** Bumped with every order change, for the same reason as `versions`. */
  orderVersion = 0;
  /** Bumped on every local change of a tab, so a sync knows what changed while it was in flight. */
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private writeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: Storage | null,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly key: string = storageKeyFor("anonymous"),
  ) {
    const stored = parseTabs(safeRead(storage, key));
    this.state = stored ? { tabs: stored.tabs, activeId: stored.activeId } : this.initialState();
    this.closed = stored?.closed ?? [];
    this.orderDirty = stored?.orderDirty ?? false;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called after every local change that the server should get (SQL keystrokes included). */
  onLocalChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  getSnapshot = (): TabsState => this.state;

  get active(): WorkbenchTab {
    return this.state.tabs.find((t) => t.id === this.state.activeId) ?? this.state.tabs[0]!;
  }

  /** The local change counter of a tab (tabs-sync.ts compares it before and after a request). */
  versionOf(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  /** Opens a new tab and makes it the active one. */
  open(draft: TabDraft = {}): WorkbenchTab {
    const tab: WorkbenchTab = {
      id: this.newId(),
      title: draft.title?.trim().slice(0, TITLE_LENGTH) || this.nextUntitled(),
      sql: draft.sql ?? "",
      engineId: draft.engineId ?? this.active?.engineId ?? null,
      catalog: draft.catalog === undefined ? (this.active?.catalog ?? null) : draft.catalog,
      schema: draft.schema === undefined ? (this.active?.schema ?? null) : draft.schema,
      limit: isRowLimit(draft.limit) ? draft.limit : DEFAULT_ROW_LIMIT,
      savedQueryId: draft.savedQueryId ?? null,
      savedVersion: draft.savedVersion ?? null,
      keptRunId: draft.keptRunId ?? null,
      revision: null,
      dirty: true,
    };
    // Engine given without context (a saved query on another engine): use its defaults later.
    if (draft.engineId && draft.catalog === undefined) tab.catalog = null;
    if (draft.engineId && draft.schema === undefined) tab.schema = null;
    this.orderDirty = true;
    this.orderVersion++;
    this.set({ tabs: [...this.state.tabs, tab], activeId: tab.id }, tab.id);
    return tab;
  }

  close(id: string): void {
    const index = this.state.tabs.findIndex((t) => t.id === id);
    if (index < 0) return;
    const closing = this.state.tabs[index]!;
    if (closing.revision !== null) this.closed = [...this.closed.filter((c) => c.id !== id), { id, revision: closing.revision }];
    this.versions.delete(id);
    this.orderDirty = true;
    this.orderVersion++;
    const tabs = this.state.tabs.filter((t) => t.id !== id);
    if (tabs.length === 0) {
      const fresh = this.blankTab(closing);
      this.set({ tabs: [fresh], activeId: fresh.id }, null);
      return;
    }
    // Closing the active tab activates its right neighbour (or the new last tab), as browsers do.
    const activeId = this.state.activeId === id ? tabs[Math.min(index, tabs.length - 1)]!.id : this.state.activeId;
    this.set({ tabs, activeId }, null);
  }

  /** Moves a tab to another place in the bar (drag and drop, or Alt+Shift+arrow). */
  move(id: string, toIndex: number): void {
    const from = this.state.tabs.findIndex((t) => t.id === id);
    const to = Math.max(0, Math.min(toIndex, this.state.tabs.length - 1));
    if (from < 0 || from === to) return;
    const tabs = [...this.state.tabs];
    tabs.splice(to, 0, ...tabs.splice(from, 1));
    this.orderDirty = true;
    this.orderVersion++;
    this.set({ ...this.state, tabs }, null);
  }

  activate(id: string): void {
    // Which tab is active belongs to this browser: not a change for the server.
    if (id !== this.state.activeId && this.state.tabs.some((t) => t.id === id)) this.set({ ...this.state, activeId: id });
  }

  rename(id: string, title: string): void {
    const clean = title.trim().slice(0, TITLE_LENGTH);
    if (clean) this.update(id, { title: clean });
  }

  update(id: string, patch: Partial<TabContent>): void {
    const tab = this.state.tabs.find((t) => t.id === id);
    if (!tab || (Object.keys(patch) as (keyof TabContent)[]).every((k) => tab[k] === patch[k])) return;
    this.set({ ...this.state, tabs: this.state.tabs.map((t) => (t.id === id ? { ...t, ...patch, dirty: true } : t)) }, id);
  }

  /** The editor's text changed: remember it without re-rendering anything. */
  setSql(id: string, sql: string): void {
    const tab = this.state.tabs.find((t) => t.id === id);
    if (!tab || tab.sql === sql) return;
    tab.sql = sql; // deliberately in place: no listener needs to know
    tab.dirty = true;
    this.bump(id);
    this.scheduleWrite();
    for (const listener of this.changeListeners) listener();
  }

  /**
   * Replaces the tabs with what the sync decided (tabs-sync.ts): no local change, so nothing is
   * sent back. `activeId` falls back to a neighbour when the active tab went away.
   */
  replace(tabs: WorkbenchTab[], activeId: string, sync: { closed: Closed[]; orderDirty: boolean }): void {
    this.closed = sync.closed;
    this.orderDirty = sync.orderDirty;
    if (tabs.length === 0) {
      const fresh = this.blankTab(this.active);
      this.set({ tabs: [fresh], activeId: fresh.id });
      return;
    }
    this.set({ tabs, activeId: tabs.some((t) => t.id === activeId) ? activeId : (tabs[0]?.id ?? activeId) });
  }

  /** Only the one tab a first visit starts with, untouched: a server's tabs replace it. */
  get pristine(): boolean {
    const [only, ...more] = this.state.tabs;
    return more.length === 0 && !!only && only.revision === null && !only.dirty && only.sql === "";
  }

  /** Writes now (page hidden or unloading). */
  flush(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    try {
      const stored: Stored = { ...this.state, closed: this.closed, orderDirty: this.orderDirty };
      this.storage?.setItem(this.key, JSON.stringify(stored));
    } catch {
      // Storage full or blocked: tabs live on for this page only.
    }
  }

  private set(state: TabsState, changed?: string | null): void {
    this.state = state;
    this.scheduleWrite();
    if (changed) this.bump(changed);
    for (const listener of this.listeners) listener();
    if (changed !== undefined) for (const listener of this.changeListeners) listener();
  }

  private bump(id: string): void {
    this.versions.set(id, this.versionOf(id) + 1);
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return;
    this.writeTimer = setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  private initialState(): TabsState {
    const tab = this.blankTab(null, "Query 1");
    return { tabs: [tab], activeId: tab.id };
  }

  /** An empty tab that is not sent to the server until something is typed in it. */
  private blankTab(context: WorkbenchTab | null, title = this.nextUntitled()): WorkbenchTab {
    return {
      id: this.newId(),
      title,
      sql: "",
      engineId: context?.engineId ?? null,
      catalog: context?.catalog ?? null,
      schema: context?.schema ?? null,
      limit: context?.limit ?? DEFAULT_ROW_LIMIT,
      savedQueryId: null,
      savedVersion: null,
      keptRunId: null,
      revision: null,
      dirty: false,
    };
  }

  private nextUntitled(): string {
    const used = new Set((this.state?.tabs ?? []).map((t) => t.title));
    for (let n = (this.state?.tabs.length ?? 0) + 1; ; n++) if (!used.has(`Query ${n}`)) return `Query ${n}`;
  }
}

export function isRowLimit(value: unknown): value is RowLimit {
  return (ROW_LIMITS as readonly unknown[]).includes(value);
}

function safeRead(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

const str = (v: unknown): v is string => typeof v === "string";
const strOrNull = (v: unknown): string | null => (str(v) ? v : null);
const revisionOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) && v >= 1 ? v : null);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads stored tabs, dropping anything malformed (an old or hand-edited value must not break the page). */
export function parseTabs(raw: string | null): Stored | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const record = value as { tabs?: unknown; activeId?: unknown; closed?: unknown; orderDirty?: unknown } | null;
  if (!record || !Array.isArray(record.tabs)) return null;
  const tabs: WorkbenchTab[] = [];
  const seen = new Set<string>();
  for (const item of record.tabs as Record<string, unknown>[]) {
    if (!item || !str(item.id) || seen.has(item.id) || !str(item.title) || !str(item.sql)) continue;
    seen.add(item.id);
    const revision = revisionOrNull(item.revision);
    tabs.push({
      id: item.id,
      title: item.title,
      sql: item.sql,
      engineId: strOrNull(item.engineId),
      catalog: strOrNull(item.catalog),
      schema: strOrNull(item.schema),
      limit: isRowLimit(item.limit) ? item.limit : DEFAULT_ROW_LIMIT,
      savedQueryId: strOrNull(item.savedQueryId),
      savedVersion: strOrNull(item.savedVersion),
      keptRunId: strOrNull(item.keptRunId),
      revision,
      // A tab stored before this field existed was never on the server: send it if it holds SQL.
      dirty: typeof item.dirty === "boolean" ? item.dirty : item.sql !== "",
    });
  }
  if (tabs.length === 0) return null;
  const activeId = str(record.activeId) && seen.has(record.activeId) ? record.activeId : tabs[0]!.id;
  const closed = Array.isArray(record.closed)
    ? (record.closed as Record<string, unknown>[]).flatMap((c) => (c && str(c.id) && revisionOrNull(c.revision) ? [{ id: c.id, revision: revisionOrNull(c.revision)! }] : []))
    : [];
  return { tabs, activeId, closed, orderDirty: record.orderDirty === true };
}

/**
 * The signed-in user's stored tabs; the tabs of before per-user keys (v1) become the first
 * signed-in user's, once, and the old key is removed, so the next user on this browser never
 * sees them. Ids that are not UUIDs (the server's key) are replaced.
 */
export function migrateLegacyTabs(storage: Storage, userId: string, newId: () => string = () => crypto.randomUUID()): void {
  try {
    const legacy = storage.getItem(LEGACY_STORAGE_KEY);
    if (legacy === null) return;
    storage.removeItem(LEGACY_STORAGE_KEY);
    if (storage.getItem(storageKeyFor(userId)) !== null) return;
    const parsed = parseTabs(legacy);
    if (!parsed) return;
    const ids = new Map(parsed.tabs.map((t) => [t.id, UUID.test(t.id) ? t.id : newId()]));
    const tabs = parsed.tabs.map((t) => ({ ...t, id: ids.get(t.id)!, revision: null, dirty: t.sql !== "" || parsed.tabs.length > 1 }));
    storage.setItem(storageKeyFor(userId), JSON.stringify({ tabs, activeId: ids.get(parsed.activeId), closed: [], orderDirty: true }));
  } catch {
    // Storage blocked: nothing to migrate.
  }
}

const browserStores = new Map<string, TabsStore>();

/** The browser tab's one store of this user (created on first use, in the browser only). */
export function tabsStore(userId: string): TabsStore {
  let store = browserStores.get(userId);
  if (!store) {
    const storage = typeof localStorage === "undefined" ? null : localStorage;
    if (storage) migrateLegacyTabs(storage, userId);
    store = new TabsStore(storage, undefined, storageKeyFor(userId));
    browserStores.set(userId, store);
    if (typeof window !== "undefined") {
      const flush = () => store?.flush();
      window.addEventListener("pagehide", flush);
      document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
    }
  }
  return store;
}

// Editor tabs: their titles, SQL and query context (engine, catalog, schema, row limit), kept in
// localStorage so tabs and their SQL come back after a reload. Framework-free (tested without a
// browser); one store per browser tab, shared by the workbench and by the history and saved
// pages, whose "Open in editor" adds a tab here before navigating to /sql.
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
};

export type TabDraft = Partial<Omit<WorkbenchTab, "id">>;

export type TabsState = { tabs: WorkbenchTab[]; activeId: string };

export const STORAGE_KEY = "portal.workbench.tabs.v1";
const WRITE_DELAY_MS = 300;

type Storage = Pick<globalThis.Storage, "getItem" | "setItem">;

export class TabsStore {
  private state: TabsState;
  private readonly listeners = new Set<() => void>();
  private writeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: Storage | null,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.state = parseTabs(safeRead(storage)) ?? this.initialState();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TabsState => this.state;

  get active(): WorkbenchTab {
    return this.state.tabs.find((t) => t.id === this.state.activeId) ?? this.state.tabs[0]!;
  }

  /** Opens a new tab and makes it the active one. */
  open(draft: TabDraft = {}): WorkbenchTab {
    const tab: WorkbenchTab = {
      id: this.newId(),
      title: draft.title?.trim() || this.nextUntitled(),
      sql: draft.sql ?? "",
      engineId: draft.engineId ?? this.active?.engineId ?? null,
      catalog: draft.catalog === undefined ? (this.active?.catalog ?? null) : draft.catalog,
      schema: draft.schema === undefined ? (this.active?.schema ?? null) : draft.schema,
      limit: isRowLimit(draft.limit) ? draft.limit : DEFAULT_ROW_LIMIT,
      savedQueryId: draft.savedQueryId ?? null,
      savedVersion: draft.savedVersion ?? null,
      keptRunId: draft.keptRunId ?? null,
    };
    // Engine given without context (a saved query on another engine): use its defaults later.
    if (draft.engineId && draft.catalog === undefined) tab.catalog = null;
    if (draft.engineId && draft.schema === undefined) tab.schema = null;
    this.set({ tabs: [...this.state.tabs, tab], activeId: tab.id });
    return tab;
  }

  close(id: string): void {
    const index = this.state.tabs.findIndex((t) => t.id === id);
    if (index < 0) return;
    const tabs = this.state.tabs.filter((t) => t.id !== id);
    if (tabs.length === 0) {
      const fresh = this.blankTab(this.state.tabs[index]!);
      this.set({ tabs: [fresh], activeId: fresh.id });
      return;
    }
    // Closing the active tab activates its right neighbour (or the new last tab), as browsers do.
    const activeId = this.state.activeId === id ? tabs[Math.min(index, tabs.length - 1)]!.id : this.state.activeId;
    this.set({ tabs, activeId });
  }

  activate(id: string): void {
    if (id !== this.state.activeId && this.state.tabs.some((t) => t.id === id)) this.set({ ...this.state, activeId: id });
  }

  rename(id: string, title: string): void {
    const clean = title.trim().slice(0, 80);
    if (clean) this.update(id, { title: clean });
  }

  update(id: string, patch: Partial<Omit<WorkbenchTab, "id" | "sql">>): void {
    this.set({ ...this.state, tabs: this.state.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) });
  }

  /** The editor's text changed: remember it without re-rendering anything. */
  setSql(id: string, sql: string): void {
    const tab = this.state.tabs.find((t) => t.id === id);
    if (!tab || tab.sql === sql) return;
    tab.sql = sql; // deliberately in place: no listener needs to know
    this.scheduleWrite();
  }

  /** Writes now (page hidden or unloading). */
  flush(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch {
      // Storage full or blocked: tabs live on for this page only.
    }
  }

  private set(state: TabsState): void {
    this.state = state;
    this.scheduleWrite();
    for (const listener of this.listeners) listener();
  }

  private scheduleWrite(): void {
    if (this.writeTimer) return;
    this.writeTimer = setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  private initialState(): TabsState {
    const tab = this.blankTab(null, "Query 1");
    return { tabs: [tab], activeId: tab.id };
  }

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

function safeRead(storage: Storage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

const str = (v: unknown): v is string => typeof v === "string";
const strOrNull = (v: unknown): string | null => (str(v) ? v : null);

/** Reads stored tabs, dropping anything malformed (an old or hand-edited value must not break the page). */
export function parseTabs(raw: string | null): TabsState | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const record = value as { tabs?: unknown; activeId?: unknown } | null;
  if (!record || !Array.isArray(record.tabs)) return null;
  const tabs: WorkbenchTab[] = [];
  const seen = new Set<string>();
  for (const item of record.tabs as Record<string, unknown>[]) {
    if (!item || !str(item.id) || seen.has(item.id) || !str(item.title) || !str(item.sql)) continue;
    seen.add(item.id);
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
    });
  }
  if (tabs.length === 0) return null;
  const activeId = str(record.activeId) && seen.has(record.activeId) ? record.activeId : tabs[0]!.id;
  return { tabs, activeId };
}

let browserStore: TabsStore | null = null;

/** The browser tab's one store (created on first use, in the browser only). */
export function tabsStore(): TabsStore {
  if (!browserStore) {
    browserStore = new TabsStore(typeof localStorage === "undefined" ? null : localStorage);
    if (typeof window !== "undefined") {
      const flush = () => browserStore?.flush();
      window.addEventListener("pagehide", flush);
      document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());
    }
  }
  return browserStore;
}

"use client";
// The SQL workbench page: tabs, toolbar, editor, run state and results, wired together. Each
// piece lives in its own file; this one only connects them. Tabs come from localStorage, so the
// workbench renders in the browser only (the server sends a placeholder of the same shape).
import "./workbench.css";
import { useCallback, useEffect, useEffectEvent, useRef, useState, useSyncExternalStore } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import type { Role } from "@/lib/auth/roles";
import { SqlEditor } from "./editor/editor-loader";
import type { EditorHandle } from "./editor/sql-editor";
import type { RunTarget } from "./editor/editor-markers";
import { useDarkMode } from "./editor/use-dark-mode";
import { useEngineMetadata } from "./editor/use-engine-metadata";
import { formatSql } from "./editor/format-sql";
import { useQueryRun, useRunValue } from "./run/use-query-run";
import { disposeRun } from "./run/run-registry";
import { useKeptResult } from "./run/use-kept-result";
import type { ExecuteBody, RunError } from "./run/types";
import { useTabs } from "./tabs/use-tabs";
import { useOpenFromUrl } from "./tabs/use-open-from-url";
import { TabBar } from "./tabs/tab-bar";
import { useTabsSync } from "./tabs/use-tabs-sync";
import type { SyncNotice } from "./tabs/tabs-sync";
import { Toolbar } from "./toolbar/toolbar";
import { ProgressBar } from "./results/progress-bar";
import { ErrorBanner } from "./results/error-banner";
import { ResultsPanel } from "./results/results-panel";
import { ConfirmStatementDialog } from "./dialogs/confirm-statement-dialog";
import { SaveQueryDialog, type SaveDraft } from "./dialogs/save-query-dialog";
import { useModKey } from "./use-mod-key";
import { usePageShortcuts } from "./use-page-shortcuts";
import { SchemaBrowser } from "./schema-browser/schema-browser";
import { SchemaBrowserToggle } from "./schema-browser/schema-browser-toggle";
import { usePanelOpen } from "./schema-browser/use-panel-open";
import { ShortcutSheet } from "./shortcuts/shortcut-sheet";
import { ParameterBar, parameterInputId } from "./params/parameter-bar";
import { bindParameters } from "./params/parameters";
import { parameterStore } from "./params/parameter-store";
import { useParameterNames } from "./params/use-parameter-names";
import { ExplainPanel, type ExplainState } from "./explain/explain-panel";

type Notice = { tone: "error" | "info" | "success"; text: string };

export function Workbench({ role }: { role: Role }) {
  const inBrowser = useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
  return inBrowser ? <WorkbenchClient role={role} /> : <WorkbenchPlaceholder />;
}

function WorkbenchClient({ role }: { role: Role }) {
  const trpc = useTRPC();
  const { tabs, activeId, store } = useTabs();
  const tab = tabs.find((t) => t.id === activeId) ?? tabs[0]!;
  const engines = useQuery(trpc.sql.engines.queryOptions());
  const engine = engines.data?.find((e) => e.id === tab.engineId) ?? engines.data?.[0] ?? null;
  const catalog = tab.catalog ?? engine?.defaultCatalog ?? null;
  const preferredSchema = tab.schema ?? (catalog === engine?.defaultCatalog ? (engine?.defaultSchema ?? null) : null);
  const metadata = useEngineMetadata(engine?.id ?? null, catalog, preferredSchema);
  const schema = metadata.schema;

  const { run: currentRun, execute, reopen, cancel } = useQueryRun(tab.id);
  useKeptResult(tab, store, currentRun, reopen);
  // Status, error and request change when a run starts or ends, not while rows stream.
  const status = useRunValue(currentRun, (s) => s.status);
  const error = useRunValue(currentRun, (s) => s.error);
  const request = useRunValue(currentRun, (s) => s.request);
  const running = status === "running";
  const dark = useDarkMode();
  const modKey = useModKey();
  const editor = useRef<EditorHandle | null>(null);
  // What each tab last sent, to place the server's error position in the editor.
  const targets = useRef(new Map<string, RunTarget>());
  const closedTabs = useRef(new Set<string>());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saveDraft, setSaveDraft] = useState<SaveDraft | null>(null);
  const [declined, setDeclined] = useState<ExecuteBody | null>(null);
  const [dismissedError, setDismissedError] = useState<RunError | null>(null);
  const [errorAt, setErrorAt] = useState<{ lineNumber: number; column: number } | null>(null);
  const [browserOpen, setBrowserOpen] = usePanelOpen();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // The plan shown under the editor, for the tab it was asked in.
  const [explained, setExplained] = useState<{ tabId: string; state: ExplainState } | null>(null);
  const explainStatement = useMutation(trpc.sql.explain.mutationOptions());
  const parameters = useParameterNames(tab.id, tab.sql);

  /** The target's SQL with its {{parameters}} as literals, or null (and a notice naming the empty one). */
  const withParameters = (target: RunTarget): string | null => {
    const bound = bindParameters(target.sql, parameterStore().valuesOf(tab.id));
    if (bound.ok) return bound.sql;
    setNotice({ tone: "error", text: bound.message });
    document.getElementById(parameterInputId(bound.name))?.focus();
    return null;
  };

  const { opening } = useOpenFromUrl(store, (text) => setNotice({ tone: "error", text }));

  // Tabs follow the user to their other browsers (tabs/tabs-sync.ts); what happened on the way is said here.
  const onSyncNotice = useCallback((n: SyncNotice) => setNotice(syncNoticeOf(n)), []);
  const onRemoteText = useCallback(
    (ids: string[]) => {
      for (const id of ids) editor.current?.replaceText(id, store.getSnapshot().tabs.find((t) => t.id === id)?.sql ?? "");
    },
    [store],
  );
  const { status: syncStatus, ready: tabsReady } = useTabsSync(store, { onNotice: onSyncNotice, onRemoteText });

  const run = () => {
    if (running) return;
    const target = editor.current?.runTarget();
    if (!target) {
      setNotice({ tone: "info", text: "There is nothing to run: write a statement first." });
      return;
    }
    if (!engine) {
      setNotice({ tone: "error", text: engines.error ? `The query engines could not be loaded: ${errorMessage(engines.error)}` : "No query engine is available yet." });
      return;
    }
    const sql = withParameters(target);
    if (sql === null) return;
    setNotice(null);
    editor.current?.clearError(tab.id);
    // Error positions map back into the editor only when the text ran as written.
    if (sql === target.sql) targets.current.set(tab.id, target);
    else targets.current.delete(tab.id);
    execute({ engineId: engine.id, sql, catalog, schema, limit: tab.limit });
  };

  const explain = () => {
    const target = editor.current?.runTarget();
    if (!target) {
      setNotice({ tone: "info", text: "There is nothing to explain: write a statement first." });
      return;
    }
    if (!engine) return;
    const sql = withParameters(target);
    if (sql === null) return;
    setNotice(null);
    const tabId = tab.id;
    setExplained({ tabId, state: { status: "loading" } });
    explainStatement.mutate(
      { engineId: engine.id, sql, catalog, schema },
      {
        onSuccess: (result) => setExplained({ tabId, state: { status: "ready", engineKind: result.engineKind, plan: result.plan } }),
        onError: (err) => setExplained({ tabId, state: { status: "error", message: errorMessage(err) } }),
      },
    );
  };

  const format = () => {
    try {
      editor.current?.transform((sql) => formatSql(sql, engine?.kind));
      setNotice(null);
    } catch (err) {
      setNotice({ tone: "error", text: `The SQL could not be formatted: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` });
    }
  };

  const save = () => {
    const sql = editor.current?.textOf() ?? tab.sql;
    if (!sql.trim()) {
      setNotice({ tone: "info", text: "There is nothing to save: write a query first." });
      return;
    }
    if (!engine) return;
    setSaveDraft({ name: tab.title, sql, engineId: engine.id, catalog, schema, savedQueryId: tab.savedQueryId, savedVersion: tab.savedVersion });
  };

  const closeTab = (id: string) => {
    disposeRun(id);
    targets.current.delete(id);
    closedTabs.current.add(id);
    parameterStore().forget(id);
    store.close(id);
  };

  // Preview from the schema browser: a new tab (the current tab's text stays as it is) whose
  // statement runs once the editor shows it (the effect below).
  const pendingRun = useRef<string | null>(null);
  const queryTable = (sql: string, table: string) => {
    pendingRun.current = store.open({ sql, title: table }).id;
  };

  usePageShortcuts({ run, save, cancel, running, showShortcuts: () => setShortcutsOpen(true) });

  // Free the Monaco models of closed tabs once the editor shows another one.
  useEffect(() => {
    for (const id of closedTabs.current) {
      if (id === activeId || !editor.current) continue;
      editor.current.disposeTab(id);
      closedTabs.current.delete(id);
    }
  }, [activeId, tabs]);

  // The editor (a child) has switched to the new tab's model by now, so run() reads its text.
  // An effect event: it sees this render's run() without making the effect re-run on every
  // render (run is a new function each time); the effect itself fires only when the tab changes.
  const runIfPending = useEffectEvent((shownTabId: string) => {
    if (pendingRun.current !== shownTabId) return;
    pendingRun.current = null;
    run();
  });
  useEffect(() => runIfPending(tab.id), [tab.id]);

  // Mark the failing position in the editor when a run reports one.
  useEffect(() => {
    const target = targets.current.get(tab.id);
    if (!error?.line || !target || !editor.current) {
      setErrorAt(null);
      return;
    }
    setErrorAt(editor.current.showError(target, error.line, error.column ?? 1, error.message));
  }, [error, tab.id]);

  const confirming = status === "needs-confirmation" && declined !== request;
  // A first visit on this browser: the account's tabs are on their way (at most 2 s).
  if (!tabsReady) return <WorkbenchPlaceholder />;
  const showError = error && error.kind !== "cancelled" && error !== dismissedError && !confirming;

  return (
    <div className="flex flex-col gap-3">
      <TabBar
        tabs={tabs}
        activeId={tab.id}
        onActivate={(id) => store.activate(id)}
        onClose={closeTab}
        onRename={(id, title) => store.rename(id, title)}
        onMove={(id, toIndex) => store.move(id, toIndex)}
        syncStatus={syncStatus}
        onNew={() => {
          store.open();
          requestAnimationFrame(() => editor.current?.focus());
        }}
      />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SchemaBrowserToggle open={browserOpen} onToggle={() => setBrowserOpen(!browserOpen)} />
        <div className="min-w-0 flex-1">
          <Toolbar
            engines={engines.data ?? []}
            enginesLoading={engines.isLoading}
            engineId={engine?.id ?? ""}
            catalogs={metadata.catalogs}
            catalogsLoading={metadata.catalogsLoading}
            catalog={catalog ?? ""}
            schemas={metadata.schemas}
            schemasLoading={metadata.schemasLoading}
            schema={schema ?? ""}
            limit={tab.limit}
            running={running}
            modKey={modKey}
            onEngine={(engineId) => store.update(tab.id, { engineId, catalog: null, schema: null })}
            onCatalog={(value) => store.update(tab.id, { catalog: value || null, schema: null })}
            onSchema={(value) => store.update(tab.id, { catalog, schema: value || null })}
            onLimit={(limit) => store.update(tab.id, { limit })}
            onRun={run}
            onCancel={cancel}
            onFormat={format}
            onSave={save}
            onExplain={explain}
            onShortcuts={() => setShortcutsOpen(true)}
          />
        </div>
      </div>
      {role === "viewer" && (
        <p className="-mt-1 flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
          <Eye aria-hidden className="size-3.5" />
          Read-only: as a viewer you can run SELECT, WITH, SHOW, DESCRIBE and EXPLAIN.
        </p>
      )}
      <div className="flex flex-col gap-3 lg:flex-row">
        {browserOpen && (
          // On wide screens exactly as tall as the editor and results beside it.
          <div className="h-80 lg:relative lg:h-auto lg:w-72 lg:shrink-0">
            <SchemaBrowser
              className="h-full lg:absolute lg:inset-0"
              engineId={engine?.id ?? null}
              catalog={catalog}
              schema={schema}
              onInsert={(text) => editor.current?.insertText(text)}
              onQueryTable={queryTable}
              onClose={() => {
                setBrowserOpen(false);
                editor.current?.focus();
              }}
            />
          </div>
        )}
        <div className="flex min-w-0 flex-1 flex-col gap-3">
          <ParameterBar tabId={tab.id} names={parameters.names} />
          <div
            className="h-48 min-h-28 resize-y overflow-hidden rounded-lg border border-slate-200 bg-white sm:h-60 dark:border-slate-800 dark:bg-slate-900"
            data-testid="sql-editor"
            aria-busy={opening || undefined}
          >
            <SqlEditor
              tabId={tab.id}
              initialSql={tab.sql}
              dark={dark}
              running={running}
              onChange={(id, sql) => {
                store.setSql(id, sql);
                parameters.onSql(id, sql);
              }}
              actions={{ run, format, save, cancel, showShortcuts: () => setShortcutsOpen(true) }}
              onReady={(handle) => {
                editor.current = handle;
              }}
            />
          </div>
          {notice && (
            <Alert tone={notice.tone} onDismiss={() => setNotice(null)}>
              {notice.text}
            </Alert>
          )}
          {currentRun && <ProgressBar run={currentRun} />}
          {showError && (
            <ErrorBanner
              error={error}
              editorAt={errorAt}
              onShowInEditor={() => errorAt && editor.current?.reveal(errorAt.lineNumber, errorAt.column)}
              onDismiss={() => setDismissedError(error)}
            />
          )}
          {explained?.tabId === tab.id && <ExplainPanel state={explained.state} onClose={() => setExplained(null)} />}
          <ResultsPanel run={currentRun} modKey={modKey} onDownloadError={(text) => setNotice({ tone: "error", text })} />
        </div>
      </div>

      <ConfirmStatementDialog
        open={confirming}
        sql={request?.sql ?? ""}
        message={error?.message ?? ""}
        onClose={() => setDeclined(request)}
        onConfirm={() => request && execute({ ...request, confirmed: true })}
      />
      <ShortcutSheet
        open={shortcutsOpen}
        modKey={modKey}
        onClose={() => {
          setShortcutsOpen(false);
        }}
      />
      <SaveQueryDialog
        draft={saveDraft}
        onClose={() => {
          setSaveDraft(null);
          editor.current?.focus();
        }}
        onSaved={(saved) => store.update(tab.id, { title: saved.name, savedQueryId: saved.id, savedVersion: saved.version })}
      />
    </div>
  );
}

function syncNoticeOf(n: SyncNotice): Notice {
  if (n.kind === "conflict") {
    return {
      tone: "info",
      text: `“${n.title}” was changed in ${n.updatedFrom} while you edited it here. Its tab now shows that version; your text is kept in the new tab “${n.copyTitle}”.`,
    };
  }
  if (n.kind === "reopened") return { tone: "info", text: `“${n.title}” was changed in ${n.updatedFrom} after you closed it here, so it stays open.` };
  return { tone: "info", text: `“${n.title}” was closed in another browser.` };
}

/** Same layout as the workbench, shown until the browser has the tabs from localStorage. */
function WorkbenchPlaceholder() {
  return (
    <div className="flex flex-col gap-3" aria-busy>
      <Skeleton className="h-9 w-64" />
      <Skeleton className="h-8" />
      <Skeleton className="h-48 sm:h-60" />
      <Skeleton className="h-[70vh] min-h-[22rem] sm:h-[calc(100dvh-34rem)]" />
    </div>
  );
}

"use client";
// The schema browser beside the editor: a filter box over the tree of the current engine's
// catalogs, schemas, tables and columns. Clicking a table or column inserts its name at the
// editor's cursor; a table's Preview asks the workbench to query it.
import { useDeferredValue, useState, type ReactNode } from "react";
import { PanelLeftClose, RefreshCw, Search, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { SchemaTree } from "./schema-tree";
import { useMetadataRefresh } from "./use-schema-data";
import { useCatalogMatches } from "./use-catalog-matches";

export const SCHEMA_BROWSER_ID = "schema-browser";

export type SchemaBrowserProps = {
  engineId: string | null;
  catalog: string | null;
  schema: string | null;
  /** Inserts text at the editor's cursor. */
  onInsert: (text: string) => void;
  /** Called with `SELECT * FROM catalog.schema.table LIMIT 100` and the table's name. */
  onQueryTable: (sql: string, table: string) => void;
  onClose: () => void;
  className?: string;
};

export function SchemaBrowser({ engineId, catalog, schema, onInsert, onQueryTable, onClose, className }: SchemaBrowserProps) {
  const [filter, setFilter] = useState("");
  // Typing stays responsive while thousands of rows are filtered.
  const deferredFilter = useDeferredValue(filter);
  // The loaded part of the tree filters at once; the catalog's search finds the rest.
  const matches = useCatalogMatches(engineId, filter);

  return (
    <aside
      id={SCHEMA_BROWSER_ID}
      aria-label="Schema browser"
      className={cx("flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900", className)}
    >
      <div className="flex items-center gap-1 border-b border-slate-200 bg-slate-50 py-1 pr-1 pl-3 dark:border-slate-800 dark:bg-slate-900/60">
        <h2 className="flex-1 truncate text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">Schema</h2>
        {engineId && <RefreshButton engineId={engineId} />}
        <IconButton label="Hide schema browser" onClick={onClose}>
          <PanelLeftClose aria-hidden className="size-4" />
        </IconButton>
      </div>
      <div className="border-b border-slate-200 p-2 dark:border-slate-800">
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-slate-400" />
          <input
            type="text"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape" && filter) {
                e.preventDefault();
                setFilter("");
              } else if (e.key === "ArrowDown") {
                // From the filter straight into the tree, as in a combobox.
                e.preventDefault();
                e.currentTarget.closest("aside")?.querySelector<HTMLElement>('[role="tree"]')?.focus();
              }
            }}
            placeholder="Filter tables and columns"
            aria-label="Filter tables and columns by name; the whole catalog is searched"
            spellCheck={false}
            className={cx(
              "h-8 w-full rounded-md border border-slate-300 bg-white pr-7 pl-7 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500",
              focusRing,
            )}
          />
          {filter && (
            <button
              type="button"
              aria-label="Clear the filter"
              onClick={() => setFilter("")}
              className={cx("absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-0.5 text-slate-400 hover:text-slate-700 dark:hover:text-slate-200", focusRing)}
            >
              <X aria-hidden className="size-3.5" />
            </button>
          )}
        </div>
        <p className="mt-1.5 text-[11px] leading-tight text-slate-500 dark:text-slate-400" role="status" aria-live="polite">
          {matches.status ?? "Click a name to insert it. Enter inserts, Shift+Enter previews a table."}
        </p>
      </div>
      {engineId ? (
        // A new tree per engine: its expanded nodes mean nothing on another one.
        <SchemaTree
          key={engineId}
          engineId={engineId}
          catalog={catalog}
          schema={schema}
          filter={deferredFilter}
          reveal={matches.reveal}
          alsoShow={matches.tables}
          onInsert={onInsert}
          onQueryTable={onQueryTable}
        />
      ) : (
        <p className="p-3 text-sm text-slate-500 dark:text-slate-400">No query engine is available yet.</p>
      )}
    </aside>
  );
}

function RefreshButton({ engineId }: { engineId: string }) {
  const { refresh, refreshing } = useMetadataRefresh(engineId);
  return (
    <IconButton label="Reload catalogs, schemas and tables" onClick={refresh}>
      <RefreshCw aria-hidden className={cx("size-3.5", refreshing && "animate-spin")} />
    </IconButton>
  );
}

function IconButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className={cx(
        "grid size-7 place-items-center rounded-md text-slate-500 hover:bg-slate-200 hover:text-slate-800 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100",
        focusRing,
      )}
    >
      {children}
    </button>
  );
}

"use client";
// One row of the schema tree: a catalog, schema, table (or view) or column, or the status of a
// level (loading, failed, empty). Rows are positioned by the virtualizer; keyboard focus stays on
// the tree (aria-activedescendant), so the buttons here are for the mouse only. Rows have one
// fixed height, except an error, which wraps so the whole message can be read (and is measured).
import { memo } from "react";
import { ChevronRight, Database, Eye, Layers, LoaderCircle, Play, RotateCw, Table2, TriangleAlert } from "lucide-react";
import { cx } from "@/components/lib/cx";
import type { TreeRow as Row } from "./tree-rows";

export const ROW_HEIGHT = 28;
const INDENT_PX = 14;

export type TreeRowProps = {
  row: Row;
  id: string;
  active: boolean;
  /** Offset from the top of the list, in px (from the virtualizer). */
  top: number;
  index: number;
  /** The virtualizer's measuring ref, for rows whose height varies. */
  measure?: (element: HTMLElement | null) => void;
  /** Called with the row's key: TreeRow is memoized, so these stay the same between renders. */
  onToggle: (key: string) => void;
  onPick: (key: string) => void;
  onPreview: (key: string) => void;
  onRetry: (key: string) => void;
};

export const TreeRow = memo(function TreeRow({ row, id, active, top, index, measure, onToggle, onPick, onPreview, onRetry }: TreeRowProps) {
  const wraps = row.kind === "status" && row.status === "error";
  const common = {
    id,
    ref: measure,
    "data-index": index,
    role: "treeitem",
    "aria-level": row.level,
    "aria-posinset": row.posInSet,
    "aria-setsize": row.setSize,
    "data-key": row.key,
    style: { transform: `translateY(${top}px)`, [wraps ? "minHeight" : "height"]: ROW_HEIGHT, paddingLeft: 4 + (row.level - 1) * INDENT_PX },
    className: cx(
      "group/row absolute inset-x-0 top-0 flex gap-1 pr-1 text-sm select-none",
      wraps ? "items-start py-1.5" : "items-center",
      active ? "bg-sky-50 dark:bg-sky-950/50" : "hover:bg-slate-50 dark:hover:bg-slate-800/60",
      // The tree holds the focus; the active row shows the ring for keyboard users.
      active &&
        "group-focus-visible/tree:outline-2 group-focus-visible/tree:-outline-offset-2 group-focus-visible/tree:outline-sky-600 dark:group-focus-visible/tree:outline-sky-400",
    ),
  } as const;

  if (row.kind === "status") {
    return (
      <div {...common} aria-disabled={row.status !== "error"} data-status={row.status} onClick={() => row.status === "error" && onRetry(row.key)}>
        <span className="w-4 shrink-0" />
        {row.status === "loading" && <LoaderCircle aria-hidden className="size-3.5 shrink-0 animate-spin text-slate-400" />}
        {row.status === "error" && <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0 text-red-600 dark:text-red-400" />}
        <span className={cx("min-w-0 flex-1 text-xs", wraps ? "break-words text-red-700 dark:text-red-300" : "truncate text-slate-500 italic dark:text-slate-400")}>
          {row.message}
        </span>
        {row.status === "error" && (
          <button
            type="button"
            tabIndex={-1}
            className="inline-flex shrink-0 items-center gap-1 rounded px-1 text-xs text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
          >
            <RotateCw aria-hidden className="size-3" />
            Retry
          </button>
        )}
      </div>
    );
  }

  if (row.kind === "column") {
    return (
      <div {...common} title={row.column.comment ?? undefined} onClick={() => onPick(row.key)}>
        <span className="w-4 shrink-0" />
        <span className="min-w-0 flex-1 cursor-pointer truncate font-mono text-xs text-slate-800 dark:text-slate-200">{row.name}</span>
        <span className="max-w-[45%] shrink-0 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
          <span className="sr-only">, </span>
          {row.column.type.toLowerCase()}
        </span>
      </div>
    );
  }

  const view = row.kind === "table" && row.table.type === "VIEW";
  const Icon = row.kind === "catalog" ? Database : row.kind === "schema" ? Layers : view ? Eye : Table2;
  // Kind and comment in the tooltip: the panel is too narrow to show comments inline.
  const tooltip = row.kind === "table" ? [view ? "View" : "Table", row.table.comment].filter(Boolean).join(": ") : undefined;
  return (
    <div
      {...common}
      aria-expanded={row.expanded}
      // The name alone (not the Preview button's label too); a view says so.
      aria-label={row.kind === "table" ? `${row.name}${view ? ", view" : ""}` : undefined}
      title={tooltip}
      onClick={() => (row.kind === "table" ? onPick(row.key) : onToggle(row.key))}
    >
      <span
        aria-hidden
        onClick={(e) => {
          e.stopPropagation(); // the chevron opens a table; its name inserts it
          onToggle(row.key);
        }}
        className="grid size-4 shrink-0 cursor-pointer place-items-center rounded text-slate-400 hover:bg-slate-200 hover:text-slate-700 dark:hover:bg-slate-700 dark:hover:text-slate-200"
      >
        <ChevronRight className={cx("size-3.5 transition-transform", row.expanded && "rotate-90")} />
      </span>
      <Icon
        aria-hidden
        className={cx(
          "size-3.5 shrink-0",
          view ? "text-violet-500 dark:text-violet-400" : row.kind === "table" ? "text-sky-600 dark:text-sky-400" : "text-slate-500 dark:text-slate-400",
        )}
      />
      <span
        className={cx(
          "min-w-0 flex-1 cursor-pointer truncate",
          row.kind === "table" ? "font-mono text-xs text-slate-800 dark:text-slate-200" : "text-slate-700 dark:text-slate-300",
        )}
      >
        {row.name}
      </span>
      {row.kind === "table" && (
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Preview ${row.name}`}
          title="Preview: SELECT * … LIMIT 100 in a new tab (Shift+Enter)"
          onClick={(e) => {
            e.stopPropagation();
            onPreview(row.key);
          }}
          className={cx(
            "grid size-5 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-800 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-slate-100",
            // Shown on hover and on the active row, so the tree stays quiet.
            active ? "opacity-100" : "opacity-0 group-hover/row:opacity-100 focus:opacity-100",
          )}
        >
          <Play aria-hidden className="size-3 fill-current" />
        </button>
      )}
    </div>
  );
});

"use client";
// Above the grid: the quick filter, what the view shows (sorted by, how many of the loaded rows
// match, and — when the result was cut at the row limit — that only the loaded rows are
// sorted/filtered), progress with Cancel while a sort runs, and hidden columns to show again.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Eye, Search, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/lib/cx";
import { formatCount } from "../../format";
import type { ResultColumn } from "../../run/types";
import { MenuItem, Popover } from "./popover";

type Props = {
  columns: ResultColumn[];
  quick: string;
  onQuick: (text: string) => void;
  active: boolean;
  describe: string | null;
  shownRows: number;
  loadedRows: number;
  truncated: boolean;
  progress: number | null;
  onCancel: () => void;
  onClear: () => void;
  hidden: number[];
  onShow: (column: number | "all") => void;
  announcement: string;
};

export function GridToolbar(p: Props) {
  const [text, setText] = useState(p.quick);
  const [shownQuick, setShownQuick] = useState(p.quick);
  if (shownQuick !== p.quick) {
    // Cleared (or set) from outside: the box follows.
    setShownQuick(p.quick);
    setText(p.quick);
  }
  const [columnsMenu, setColumnsMenu] = useState<{ x: number; y: number } | null>(null);
  const onQuick = useRef(p.onQuick);
  useLayoutEffect(() => {
    onQuick.current = p.onQuick;
  });
  // Typing filters after a pause, not on every key (each pass reads every loaded row).
  useEffect(() => {
    if (text === shownQuick) return;
    const timer = setTimeout(() => onQuick.current(text), 250);
    return () => clearTimeout(timer);
  }, [text, shownQuick]);

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 px-2 py-1.5 text-xs dark:border-slate-800" data-testid="grid-toolbar">
      <label className="relative inline-flex items-center">
        <span className="sr-only">Filter loaded rows</span>
        <Search aria-hidden className="pointer-events-none absolute left-2 size-3.5 text-slate-400" />
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Filter rows…"
          className="h-7 w-44 rounded-md border border-slate-300 bg-white pr-2 pl-7 text-xs text-slate-900 placeholder:text-slate-400 focus:border-sky-600 focus:outline-2 focus:-outline-offset-1 focus:outline-sky-600 sm:w-56 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        />
      </label>
      {p.progress !== null ? (
        <span className="inline-flex items-center gap-2" role="status">
          <span className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800" aria-hidden>
            <span className="block h-full bg-sky-600 dark:bg-sky-400" style={{ width: `${Math.round(p.progress * 100)}%` }} />
          </span>
          Sorting and filtering {formatCount(p.loadedRows)} rows… {Math.round(p.progress * 100)}%
          <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" onClick={p.onCancel}>
            Cancel
          </Button>
        </span>
      ) : (
        p.active && (
          <span className="text-slate-600 dark:text-slate-400" data-testid="grid-view-status">
            {p.describe}
            {p.describe ? " · " : ""}
            {formatCount(p.shownRows)} of {formatCount(p.loadedRows)} loaded rows
          </span>
        )
      )}
      {p.active && p.truncated && (
        <span className="font-medium text-amber-700 dark:text-amber-400" data-testid="grid-loaded-only">
          Sorts and filters only the {formatCount(p.loadedRows)} loaded rows, not the whole result.
        </span>
      )}
      {p.active && (
        <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" onClick={p.onClear}>
          <X aria-hidden className="size-3.5" />
          Clear sort and filters
        </Button>
      )}
      <span className="sr-only" aria-live="polite">
        {p.announcement}
      </span>
      {p.hidden.length > 0 && (
        <Button size="sm" variant="ghost" className={cx("ml-auto h-6 px-1.5 text-xs")} onClick={(e) => setColumnsMenu({ x: e.clientX, y: e.clientY + 8 })} aria-haspopup="menu">
          <Eye aria-hidden className="size-3.5" />
          {p.hidden.length} hidden
        </Button>
      )}
      {columnsMenu && (
        <Popover x={columnsMenu.x} y={columnsMenu.y} onClose={() => setColumnsMenu(null)} label="Hidden columns" role="menu">
          {p.hidden.map((c) => (
            <MenuItem
              key={c}
              onSelect={() => {
                p.onShow(c);
                if (p.hidden.length === 1) setColumnsMenu(null);
              }}
            >
              Show {p.columns[c]?.name}
            </MenuItem>
          ))}
          <MenuItem
            onSelect={() => {
              p.onShow("all");
              setColumnsMenu(null);
            }}
          >
            Show all columns
          </MenuItem>
        </Popover>
      )}
    </div>
  );
}

"use client";
// A column's header: name and type; a click sorts (ascending, descending, as loaded); the ⋮
// button opens the column menu; the right edge resizes (drag) or fits the values (double-click).
import type { PointerEvent as ReactPointerEvent } from "react";
import { ArrowDown, ArrowUp, EllipsisVertical, Filter, Pin } from "lucide-react";
import { cx } from "@/components/lib/cx";
import type { ResultColumn } from "../../run/types";

type Props = {
  column: ResultColumn;
  position: number;
  width: number;
  numeric: boolean;
  sort: "asc" | "desc" | null;
  filtered: boolean;
  stickyLeft: number | null;
  lastPinned: boolean;
  onSort: () => void;
  onMenu: (x: number, y: number) => void;
  onResizeStart: (event: ReactPointerEvent<HTMLSpanElement>) => void;
  onFit: () => void;
};

export function GridHeader({ column, position, width, numeric, sort, filtered, stickyLeft, lastPinned, onSort, onMenu, onResizeStart, onFit }: Props) {
  return (
    <div
      role="columnheader"
      aria-colindex={position + 2}
      aria-sort={sort === "asc" ? "ascending" : sort === "desc" ? "descending" : undefined}
      title={`${column.name} (${column.type})`}
      className={cx(
        "group/header relative flex flex-none items-stretch border-r border-slate-200 dark:border-slate-800",
        stickyLeft !== null && "sticky z-30 bg-slate-100 dark:bg-slate-900",
        lastPinned && "border-r-2 border-r-slate-300 dark:border-r-slate-600",
      )}
      style={stickyLeft !== null ? { width, left: stickyLeft } : { width }}
    >
      <button
        type="button"
        onClick={onSort}
        aria-label={`${column.name}: sort ${sort === null ? "ascending" : sort === "asc" ? "descending" : "as loaded"}`}
        className={cx(
          "flex min-w-0 flex-1 flex-col justify-center pl-2.5 text-left outline-none focus-visible:bg-sky-100 dark:focus-visible:bg-sky-900/60",
          numeric && "items-end pr-1 text-right",
        )}
      >
        <span className="flex max-w-full items-center gap-1 font-sans text-[13px] font-semibold text-slate-900 dark:text-slate-100">
          {stickyLeft !== null && <Pin aria-hidden className="size-3 flex-none text-slate-400" />}
          <span className="truncate">{column.name}</span>
          {sort === "asc" && <ArrowUp aria-hidden className="size-3.5 flex-none text-sky-700 dark:text-sky-300" />}
          {sort === "desc" && <ArrowDown aria-hidden className="size-3.5 flex-none text-sky-700 dark:text-sky-300" />}
          {filtered && <Filter aria-label="filtered" className="size-3 flex-none text-sky-700 dark:text-sky-300" />}
        </span>
        <span className="max-w-full truncate text-[10px] tracking-wide text-slate-500 uppercase dark:text-slate-400">{column.type}</span>
      </button>
      <button
        type="button"
        aria-label={`Column menu for ${column.name}`}
        aria-haspopup="dialog"
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          onMenu(r.left, r.bottom + 4);
        }}
        className="mr-1 flex w-5 flex-none items-center justify-center self-center rounded text-slate-400 opacity-60 outline-none group-hover/header:opacity-100 hover:bg-slate-200 hover:text-slate-700 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800 dark:hover:text-slate-200"
      >
        <EllipsisVertical aria-hidden className="size-4" />
      </button>
      <span
        aria-hidden
        onPointerDown={onResizeStart}
        onDoubleClick={onFit}
        title="Drag to resize; double-click to fit"
        className="absolute top-0 -right-1 z-10 h-full w-2 cursor-col-resize hover:bg-sky-400/40"
      />
    </div>
  );
}

"use client";
// One row of the grid: the row number, the pinned cells (sticky at the left), then only the
// visible ones of the other columns. Re-rendered only when what it shows changes (see the memo
// comparison): hundreds of rows re-render while scrolling, so cells are plain elements.
import { memo, type Key } from "react";
import type { VirtualItem } from "@tanstack/react-virtual";
import { cx } from "@/components/lib/cx";
import type { ColumnKind } from "./column-kind";
import { formatCellAs, type ColumnFormat } from "./value-format";

export const ROW_HEIGHT = 28;

export type CellColumns = {
  /** Pinned: result column, left offset, width. */
  pinned: { column: number; left: number; width: number }[];
  /** Scrolling columns: shown position of the first one (= pinned count), result columns by virtual index. */
  scrolling: number[];
  virtual: VirtualItem[];
  leadingSpace: number;
  totalWidth: number;
  rowNumberWidth: number;
  kinds: ColumnKind[];
  formats: Record<number, ColumnFormat>;
  /** Changes whenever anything above changes (memo compares this, not the arrays). */
  key: string;
};

type Props = {
  shown: number;
  rowNumber: number;
  row: unknown[] | undefined;
  top: number;
  cols: CellColumns;
  /** Selected shown columns of this row (inclusive), or null. */
  selected: [number, number] | null;
  /** The active cell's shown column when it is in this row, else -1. */
  active: number;
};

export const GridRow = memo(
  function GridRow({ shown, rowNumber, row, top, cols, selected, active }: Props) {
    const stripe = shown % 2 === 1;
    const pinnedCount = cols.pinned.length;
    const isSelected = (position: number) => selected !== null && position >= selected[0] && position <= selected[1];
    return (
      <div
        role="row"
        aria-rowindex={shown + 2}
        className={cx(
          "group absolute left-0 flex border-b border-slate-100 dark:border-slate-800/70",
          stripe ? "bg-slate-50/70 dark:bg-slate-900/40" : "bg-white dark:bg-slate-950",
          "hover:bg-sky-50 dark:hover:bg-sky-950/40",
        )}
        style={{ height: ROW_HEIGHT, width: cols.totalWidth, minWidth: "100%", transform: `translateY(${top}px)` }}
      >
        <div
          role="rowheader"
          data-row-header={shown}
          title="Show all fields of this row (Enter)"
          className={cx(
            "sticky left-0 z-10 flex-none cursor-pointer border-r border-slate-200 px-2 text-right leading-[27px] text-slate-400 tabular-nums select-none hover:text-sky-700 dark:border-slate-800 dark:text-slate-500 dark:hover:text-sky-300",
            stripe ? "bg-slate-50 dark:bg-slate-900" : "bg-white dark:bg-slate-950",
            "group-hover:bg-sky-50 dark:group-hover:bg-sky-950",
          )}
          style={{ width: cols.rowNumberWidth }}
        >
          {rowNumber}
        </div>
        {cols.pinned.map((p, i) =>
          cell(
            `p${p.column}`,
            row?.[p.column],
            p.width,
            cols.kinds[p.column]!,
            cols.formats[p.column],
            shown,
            i,
            isSelected(i),
            active === i,
            p.left,
            stripe,
            i === pinnedCount - 1,
          ),
        )}
        <div aria-hidden className="flex-none" style={{ width: cols.leadingSpace }} />
        {cols.virtual.map((vc) => {
          const column = cols.scrolling[vc.index]!;
          const position = pinnedCount + vc.index;
          return cell(vc.key, row?.[column], vc.size, cols.kinds[column]!, cols.formats[column], shown, position, isSelected(position), active === position, null, stripe, false);
        })}
      </div>
    );
  },
  (a, b) =>
    a.shown === b.shown &&
    a.rowNumber === b.rowNumber &&
    a.row === b.row &&
    a.top === b.top &&
    a.cols.key === b.cols.key &&
    a.active === b.active &&
    a.selected?.[0] === b.selected?.[0] &&
    a.selected?.[1] === b.selected?.[1],
);

function cell(
  key: Key,
  value: unknown,
  width: number,
  kind: ColumnKind,
  format: ColumnFormat | undefined,
  shown: number,
  position: number,
  selected: boolean,
  active: boolean,
  stickyLeft: number | null,
  stripe: boolean,
  lastPinned: boolean,
) {
  const { text, kind: valueKind } = formatCellAs(value, kind, format);
  // One line per cell: line breaks are shown as ↵ (the full value is in the tooltip and the row view).
  const shownText = valueKind === "text" && /[\r\n]/.test(text) ? text.replace(/\r?\n/g, "↵") : text;
  return (
    <div
      key={key}
      role="cell"
      aria-colindex={position + 2}
      data-selected={selected || undefined}
      data-cell={`${shown}:${position}`}
      title={text.length > 24 ? text.slice(0, 2_000) : undefined}
      className={cx(
        "flex-none truncate border-r border-slate-100 px-2.5 leading-[27px] whitespace-pre select-none dark:border-slate-800/70",
        valueKind === "null" ? "text-slate-400 italic dark:text-slate-500" : "text-slate-800 dark:text-slate-200",
        (kind === "number" || valueKind === "number") && valueKind !== "null" && "text-right tabular-nums",
        valueKind === "boolean" && "text-violet-700 dark:text-violet-300",
        stickyLeft !== null && "sticky z-[5]",
        stickyLeft !== null && !selected && (stripe ? "bg-slate-50 dark:bg-slate-900" : "bg-white dark:bg-slate-950"),
        lastPinned && "border-r-2 border-r-slate-300 dark:border-r-slate-600",
        selected && "bg-sky-100 dark:bg-sky-900/60",
        active && "outline-2 -outline-offset-2 outline-sky-600 dark:outline-sky-400",
      )}
      style={stickyLeft !== null ? { width, left: stickyLeft } : { width }}
    >
      {valueKind === "null" ? <span className="rounded bg-slate-100 px-1 text-[10px] not-italic tracking-wide dark:bg-slate-800">NULL</span> : shownText}
    </div>
  );
}

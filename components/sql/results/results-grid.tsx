"use client";
// The result grid: a sticky header, a sticky row-number column, only the visible rows (fixed
// height, see row-window.ts) and only the visible columns (@tanstack/react-virtual) in the DOM,
// so scrolling through 1,000,000 rows costs the same as through 100. Rows are read straight from
// the RowStore while they stream in.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type Key, type PointerEvent as ReactPointerEvent, type RefObject } from "react";
import { useVirtualizer, type VirtualItem } from "@tanstack/react-virtual";
import { cx } from "@/components/lib/cx";
import type { RowStore } from "../run/row-store";
import type { ResultColumn } from "../run/types";
import { formatCell, isNumericType } from "./cell-format";
import { CHAR_PX, CELL_PADDING_PX, clampWidth, initialColumnWidths, MAX_RESIZED_COLUMN_PX } from "./column-widths";
import { computeRowWindow } from "./row-window";

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 44;
const OVERSCAN_ROWS = 12;

type Props = {
  columns: ResultColumn[];
  rows: RowStore<unknown[]>;
  rowCount: number;
  /** The most rows this result can have (the row limit): sizes the row-number column once. */
  maxRows: number;
};

export function ResultsGrid({ columns, rows, rowCount, maxRows }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { scrollTop, viewportHeight } = useScrollPosition(scrollRef);
  const numeric = useMemo(() => columns.map((c) => isNumericType(c.type)), [columns]);
  const rowNumberWidth = Math.round(String(maxRows).length * CHAR_PX + CELL_PADDING_PX);

  // Widths: guessed once from the first rows (not re-guessed while rows stream, which would make
  // columns jump), then changed only by the person dragging a header edge.
  const [widths, setWidths] = useState<number[] | null>(null);
  useEffect(() => {
    if (!widths && rowCount > 0) setWidths(initialColumnWidths(columns, (i) => rows.get(i), rowCount));
  }, [widths, rowCount, columns, rows]);
  const headerWidths = useMemo(() => initialColumnWidths(columns, () => undefined, 0), [columns]);
  const widthOf = (index: number) => widths?.[index] ?? headerWidths[index] ?? 120;

  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: widthOf,
    paddingStart: rowNumberWidth,
    overscan: 3,
  });
  useLayoutEffect(() => columnVirtualizer.measure(), [widths, rowNumberWidth, columnVirtualizer]);

  const virtualColumns = columnVirtualizer.getVirtualItems();
  const totalWidth = columnVirtualizer.getTotalSize();
  const rowWindow = computeRowWindow({ rowCount, rowHeight: ROW_HEIGHT, scrollTop, viewportHeight: Math.max(0, viewportHeight - HEADER_HEIGHT), overscan: OVERSCAN_ROWS });
  const leadingSpace = (virtualColumns[0]?.start ?? rowNumberWidth) - rowNumberWidth;
  // Rows re-render only when what they show changes (memo below compares this key).
  const columnsKey = `${virtualColumns[0]?.index ?? 0}:${virtualColumns.at(-1)?.index ?? -1}:${totalWidth}`;

  const startResize = (index: number, event: ReactPointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = widthOf(index);
    const base = widths ?? columns.map((_, i) => widthOf(i));
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      const next = [...base];
      next[index] = clampWidth(startWidth + e.clientX - startX, MAX_RESIZED_COLUMN_PX);
      setWidths(next);
    };
    const stop = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", stop);
      target.removeEventListener("pointercancel", stop);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", stop);
    target.addEventListener("pointercancel", stop);
  };

  const visibleRows: number[] = [];
  for (let i = rowWindow.first; i < rowWindow.end; i++) visibleRows.push(i);

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label="Query results"
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length + 1}
      // Focusable so arrow keys, Page Up/Down and Ctrl+Home/End scroll the grid.
      tabIndex={0}
      className="relative h-full overflow-auto overscroll-contain bg-white font-mono text-xs outline-none dark:bg-slate-950"
      data-testid="results-grid"
    >
      <div style={{ width: totalWidth, minWidth: "100%" }}>
        <div role="rowgroup" className="sticky top-0 z-20">
          <div
            role="row"
            aria-rowindex={1}
            className="flex border-b border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-900"
            style={{ height: HEADER_HEIGHT, width: totalWidth, minWidth: "100%" }}
          >
            <div
              role="columnheader"
              aria-label="Row number"
              className="sticky left-0 z-30 flex-none border-r border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-900"
              style={{ width: rowNumberWidth }}
            />
            <div aria-hidden className="flex-none" style={{ width: leadingSpace }} />
            {virtualColumns.map((vc) => {
              const column = columns[vc.index]!;
              return (
                <div
                  key={vc.key}
                  role="columnheader"
                  aria-colindex={vc.index + 2}
                  title={`${column.name} (${column.type})`}
                  className={cx(
                    "relative flex flex-none flex-col justify-center border-r border-slate-200 px-2.5 dark:border-slate-800",
                    numeric[vc.index] && "items-end text-right",
                  )}
                  style={{ width: vc.size }}
                >
                  <span className="max-w-full truncate font-sans text-[13px] font-semibold text-slate-900 dark:text-slate-100">{column.name}</span>
                  <span className="max-w-full truncate text-[10px] tracking-wide text-slate-500 uppercase dark:text-slate-400">{column.type}</span>
                  <span
                    aria-hidden
                    onPointerDown={(e) => startResize(vc.index, e)}
                    onDoubleClick={() => setWidths((w) => (w ? w.map((x, i) => (i === vc.index ? clampWidth(x > 200 ? 120 : 360) : x)) : w))}
                    className="absolute top-0 -right-1 z-10 h-full w-2 cursor-col-resize hover:bg-sky-400/40"
                  />
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: rowWindow.bodyHeight }}>
          <div className="absolute inset-x-0 top-0" style={{ transform: `translateY(${rowWindow.containerTop}px)` }}>
            {visibleRows.map((index) => (
              <GridRow
                key={index}
                index={index}
                row={rows.get(index)}
                top={rowWindow.rowTop(index)}
                totalWidth={totalWidth}
                rowNumberWidth={rowNumberWidth}
                leadingSpace={leadingSpace}
                virtualColumns={virtualColumns}
                numeric={numeric}
                columnsKey={columnsKey}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

type RowProps = {
  index: number;
  row: unknown[] | undefined;
  top: number;
  totalWidth: number;
  rowNumberWidth: number;
  leadingSpace: number;
  virtualColumns: VirtualItem[];
  numeric: boolean[];
  columnsKey: string;
};

const GridRow = memo(
  function GridRow({ index, row, top, totalWidth, rowNumberWidth, leadingSpace, virtualColumns, numeric }: RowProps) {
    const stripe = index % 2 === 1;
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        className={cx(
          "group absolute left-0 flex border-b border-slate-100 dark:border-slate-800/70",
          stripe ? "bg-slate-50/70 dark:bg-slate-900/40" : "bg-white dark:bg-slate-950",
          "hover:bg-sky-50 dark:hover:bg-sky-950/40",
        )}
        style={{ height: ROW_HEIGHT, width: totalWidth, minWidth: "100%", transform: `translateY(${top}px)` }}
      >
        <div
          role="rowheader"
          className={cx(
            "sticky left-0 z-10 flex-none border-r border-slate-200 px-2 text-right leading-[27px] text-slate-400 tabular-nums select-none dark:border-slate-800 dark:text-slate-500",
            stripe ? "bg-slate-50 dark:bg-slate-900" : "bg-white dark:bg-slate-950",
            "group-hover:bg-sky-50 dark:group-hover:bg-sky-950",
          )}
          style={{ width: rowNumberWidth }}
        >
          {index + 1}
        </div>
        <div aria-hidden className="flex-none" style={{ width: leadingSpace }} />
        {/* Cells are plain elements, not components: hundreds are created while scrolling. */}
        {virtualColumns.map((vc) => cell(vc.key, row?.[vc.index], vc.size, numeric[vc.index] ?? false, vc.index + 2))}
      </div>
    );
  },
  (a, b) => a.index === b.index && a.row === b.row && a.top === b.top && a.columnsKey === b.columnsKey && a.leadingSpace === b.leadingSpace && a.numeric === b.numeric,
);

function cell(key: Key, value: unknown, width: number, numeric: boolean, colIndex: number) {
  const { text, kind } = formatCell(value);
  // One line per cell: line breaks are shown as ↵ (the full value is in the tooltip).
  const shown = kind === "text" && /[\r\n]/.test(text) ? text.replace(/\r?\n/g, "↵") : text;
  return (
    <div
      key={key}
      role="cell"
      aria-colindex={colIndex}
      title={text.length > 24 ? text.slice(0, 2_000) : undefined}
      className={cx(
        "flex-none truncate border-r border-slate-100 px-2.5 leading-[27px] whitespace-pre dark:border-slate-800/70",
        kind === "null" ? "text-slate-400 italic dark:text-slate-500" : "text-slate-800 dark:text-slate-200",
        (numeric || kind === "number") && kind !== "null" && "text-right tabular-nums",
        kind === "boolean" && "text-violet-700 dark:text-violet-300",
      )}
      style={{ width }}
    >
      {kind === "null" ? <span className="rounded bg-slate-100 px-1 text-[10px] not-italic tracking-wide dark:bg-slate-800">NULL</span> : shown}
    </div>
  );
}

/** The container's scroll position and height, re-rendering only when the visible rows may change. */
function useScrollPosition(ref: RefObject<HTMLDivElement | null>) {
  const [state, setState] = useState({ scrollTop: 0, viewportHeight: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const next = { scrollTop: element.scrollTop, viewportHeight: element.clientHeight };
      setState((prev) => (prev.scrollTop === next.scrollTop && prev.viewportHeight === next.viewportHeight ? prev : next));
    };
    update();
    element.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      element.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, [ref]);
  return state;
}

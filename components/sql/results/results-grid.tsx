"use client";
// The result grid: a sticky header, a sticky row-number column, pinned columns, only the visible
// rows (fixed height, see row-window.ts) and only the visible other columns
// (@tanstack/react-virtual) in the DOM, so scrolling through 1,000,000 rows costs the same as
// through 100. Rows are read straight from the RowStore while they stream in, through the
// sorted/filtered order when there is one (grid/use-row-view.ts, computed in slices).
//
// Working in it: click, Shift+click or drag selects cells; arrows move the active cell and
// Shift+arrows extend the selection; Ctrl/Cmd+C copies it as TSV; the context menu (right click,
// Shift+F10) copies a cell, row, column or the selection; Enter or the row number shows the row.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent, type RefObject } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { RowStore } from "../run/row-store";
import type { ResultColumn } from "../run/types";
import { CHAR_PX, CELL_PADDING_PX, clampWidth, initialColumnWidths, MAX_RESIZED_COLUMN_PX } from "./column-widths";
import { computeRowWindow } from "./row-window";
import { columnKind } from "./grid/column-kind";
import { EMPTY_VIEW, activeFilters, type ColumnFilter, type SortSpec, type ViewSpec } from "./grid/row-view";
import { useRowView } from "./grid/use-row-view";
import { columnLayout, fitWidth, scrollTopFor } from "./grid/grid-layout";
import { rangeToTsv, type CellRange } from "./grid/tsv";
import { copyText } from "./grid/clipboard";
import type { ColumnFormat } from "./grid/value-format";
import { GridRow, ROW_HEIGHT, type CellColumns } from "./grid/grid-row";
import { GridHeader } from "./grid/grid-header";
import { GridToolbar } from "./grid/grid-toolbar";
import { ColumnMenu } from "./grid/column-menu";
import { MenuItem, Popover } from "./grid/popover";
import { RowDetail } from "./grid/row-detail";
import { formatCount, plural } from "../format";

const HEADER_HEIGHT = 44;
const OVERSCAN_ROWS = 12;

type Props = {
  columns: ResultColumn[];
  rows: RowStore<unknown[]>;
  rowCount: number;
  /** The most rows this result can have (the row limit): sizes the row-number column once. */
  maxRows: number;
  /** The run has finished: a sort or filter is then applied to every loaded row. */
  finished?: boolean;
  /** The row limit cut the result: sorting and filtering see only the loaded rows (and say so). */
  truncated?: boolean;
};

type Cell = { r: number; c: number };
type Selection = { anchor: Cell; focus: Cell };

const rectOf = (s: Selection): CellRange => ({
  rowStart: Math.min(s.anchor.r, s.focus.r),
  rowEnd: Math.max(s.anchor.r, s.focus.r),
  colStart: Math.min(s.anchor.c, s.focus.c),
  colEnd: Math.max(s.anchor.c, s.focus.c),
});

export function ResultsGrid({ columns, rows, rowCount, maxRows, finished = true, truncated = false }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { scrollTop, viewportHeight } = useScrollPosition(scrollRef);
  const kinds = useMemo(() => columns.map((c) => columnKind(c.type)), [columns]);
  const rowNumberWidth = Math.round(String(maxRows).length * CHAR_PX + CELL_PADDING_PX);

  // Sort and filters of the loaded rows.
  const [spec, setSpec] = useState<ViewSpec>(EMPTY_VIEW);
  const view = useRowView(rows, rowCount, kinds, spec, finished);
  const shownRows = view.order ? view.order.length : rowCount;
  const order = view.order;
  const rowIndexOf = useCallback((shown: number) => (order ? (order[shown] ?? -1) : shown), [order]);
  const rowAt = useCallback((shown: number) => rows.get(rowIndexOf(shown)), [rows, rowIndexOf]);

  // Columns: formats, hidden, pinned, widths.
  const [formats, setFormats] = useState<Record<number, ColumnFormat>>({});
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => new Set());
  const [pinned, setPinned] = useState<number[]>([]);
  const layout = useMemo(() => columnLayout(columns.length, pinned, hidden), [columns.length, pinned, hidden]);
  const scrolling = useMemo(() => layout.shown.slice(layout.pinnedCount), [layout]);

  // Widths: guessed once from the first rows (not re-guessed while rows stream, which would make
  // columns jump), then changed only by the person (drag, double-click to fit).
  const [widths, setWidths] = useState<number[] | null>(null);
  useEffect(() => {
    if (!widths && rowCount > 0) setWidths(initialColumnWidths(columns, (i) => rows.get(i), rowCount));
  }, [widths, rowCount, columns, rows]);
  const headerWidths = useMemo(() => initialColumnWidths(columns, () => undefined, 0), [columns]);
  const widthOf = useCallback((column: number) => widths?.[column] ?? headerWidths[column] ?? 120, [widths, headerWidths]);
  const setWidth = (column: number, px: number) => setWidths((w) => (w ?? columns.map((_, i) => widthOf(i))).map((x, i) => (i === column ? px : x)));

  const pinnedCells = useMemo(() => {
    let left = rowNumberWidth;
    return layout.shown.slice(0, layout.pinnedCount).map((column) => {
      const cell = { column, left, width: widthOf(column) };
      left += cell.width;
      return cell;
    });
  }, [layout, rowNumberWidth, widthOf]);
  const pinnedWidth = pinnedCells.reduce((n, p) => n + p.width, 0);

  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: scrolling.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => widthOf(scrolling[i]!),
    paddingStart: rowNumberWidth + pinnedWidth,
    overscan: 3,
  });
  useLayoutEffect(() => columnVirtualizer.measure(), [widths, rowNumberWidth, pinnedWidth, scrolling, columnVirtualizer]);

  const virtualColumns = columnVirtualizer.getVirtualItems();
  const totalWidth = columnVirtualizer.getTotalSize();
  const rowWindow = computeRowWindow({
    rowCount: shownRows,
    rowHeight: ROW_HEIGHT,
    scrollTop,
    viewportHeight: Math.max(0, viewportHeight - HEADER_HEIGHT),
    overscan: OVERSCAN_ROWS,
  });
  const leadingSpace = (virtualColumns[0]?.start ?? rowNumberWidth + pinnedWidth) - rowNumberWidth - pinnedWidth;
  const formatsKey = JSON.stringify(formats);
  const cols: CellColumns = {
    pinned: pinnedCells,
    scrolling,
    virtual: virtualColumns,
    leadingSpace,
    totalWidth,
    rowNumberWidth,
    kinds,
    formats,
    key: `${virtualColumns[0]?.index ?? 0}:${virtualColumns.at(-1)?.index ?? -1}:${totalWidth}:${leadingSpace}:${pinnedCells.map((p) => `${p.column}/${p.width}`).join(",")}:${scrolling.length}:${formatsKey}`,
  };

  // Selection, menus, the row view.
  const [selection, setSelection] = useState<Selection | null>(null);
  const [columnMenu, setColumnMenu] = useState<{ column: number; x: number; y: number } | null>(null);
  const [cellMenu, setCellMenu] = useState<{ x: number; y: number } | null>(null);
  const [detailRow, setDetailRow] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const dragging = useRef(false);
  // A new order or column layout invalidates shown positions.
  useEffect(() => setSelection(null), [order, layout]);
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(""), 3_000);
    return () => clearTimeout(timer);
  }, [announcement]);

  const clampCell = (cell: Cell): Cell => ({ r: Math.max(0, Math.min(shownRows - 1, cell.r)), c: Math.max(0, Math.min(layout.shown.length - 1, cell.c)) });

  const copy = async (range: CellRange, header = false) => {
    const cells = (range.rowEnd - range.rowStart + 1) * (range.colEnd - range.colStart + 1);
    try {
      await copyText(rangeToTsv(range, rowAt, layout.shown, header ? columns.map((c) => c.name) : undefined));
      setAnnouncement(`Copied ${plural(cells, "cell")} as TSV.`);
    } catch (err) {
      setAnnouncement(err instanceof Error ? err.message : "Copying failed.");
    }
  };
  const lastRow = shownRows - 1;
  const lastCol = layout.shown.length - 1;
  const focus = selection?.focus ?? null;

  const scrollIntoView = (cell: Cell) => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = scrollTopFor(cell.r, {
      rowHeight: ROW_HEIGHT,
      rowCount: shownRows,
      scrollTop: el.scrollTop,
      viewportHeight: el.clientHeight - HEADER_HEIGHT,
      bodyHeight: rowWindow.bodyHeight,
    });
    if (cell.c < layout.pinnedCount) return;
    const item = columnVirtualizer.measurementsCache[cell.c - layout.pinnedCount];
    if (!item) return;
    const visibleLeft = el.scrollLeft + rowNumberWidth + pinnedWidth;
    if (item.start < visibleLeft) el.scrollLeft = item.start - rowNumberWidth - pinnedWidth;
    else if (item.end > el.scrollLeft + el.clientWidth) el.scrollLeft = item.end - el.clientWidth;
  };

  const moveTo = (next: Cell, extend: boolean) => {
    const cell = clampCell(next);
    setSelection((s) => (extend && s ? { anchor: s.anchor, focus: cell } : { anchor: cell, focus: cell }));
    scrollIntoView(cell);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || shownRows === 0 || layout.shown.length === 0) return;
    const mod = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor((viewportHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const at = focus ?? { r: 0, c: 0 };
    const moves: Record<string, Cell> = {
      ArrowDown: { r: mod ? lastRow : at.r + 1, c: at.c },
      ArrowUp: { r: mod ? 0 : at.r - 1, c: at.c },
      ArrowRight: { r: at.r, c: mod ? lastCol : at.c + 1 },
      ArrowLeft: { r: at.r, c: mod ? 0 : at.c - 1 },
      PageDown: { r: at.r + page, c: at.c },
      PageUp: { r: at.r - page, c: at.c },
      Home: { r: mod ? 0 : at.r, c: 0 },
      End: { r: mod ? lastRow : at.r, c: lastCol },
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveTo(focus ? move : { r: 0, c: 0 }, e.shiftKey);
    } else if (mod && e.key.toLowerCase() === "c" && selection) {
      e.preventDefault();
      void copy(rectOf(selection));
    } else if (mod && e.key.toLowerCase() === "a") {
      e.preventDefault();
      setSelection({ anchor: { r: 0, c: 0 }, focus: { r: lastRow, c: lastCol } });
    } else if (e.key === "Enter" && focus) {
      e.preventDefault();
      setDetailRow(focus.r);
    } else if ((e.key === "ContextMenu" || (e.shiftKey && e.key === "F10")) && focus) {
      e.preventDefault();
      const el = scrollRef.current?.querySelector(`[data-cell="${focus.r}:${focus.c}"]`)?.getBoundingClientRect();
      setCellMenu({ x: el ? el.left + 8 : 100, y: el ? el.bottom : 100 });
    } else if (e.key === "Escape" && selection) {
      setSelection(null);
    }
  };

  const cellAt = (target: EventTarget | null): Cell | null => {
    const el = (target as HTMLElement | null)?.closest?.("[data-cell]");
    const [r, c] = (el?.getAttribute("data-cell") ?? "").split(":").map(Number);
    return el && r !== undefined && c !== undefined ? { r, c } : null;
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const header = (e.target as HTMLElement).closest?.("[data-row-header]");
    if (header && e.button === 0) {
      setDetailRow(Number(header.getAttribute("data-row-header")));
      return;
    }
    const cell = cellAt(e.target);
    if (!cell) return;
    if (e.button === 2) {
      // Right click inside the selection keeps it (to copy it); elsewhere it selects that cell.
      if (selection) {
        const rect = rectOf(selection);
        if (cell.r >= rect.rowStart && cell.r <= rect.rowEnd && cell.c >= rect.colStart && cell.c <= rect.colEnd) return;
      }
      setSelection({ anchor: cell, focus: cell });
      return;
    }
    if (e.button !== 0) return;
    dragging.current = true;
    setSelection((s) => (e.shiftKey && s ? { anchor: s.anchor, focus: cell } : { anchor: cell, focus: cell }));
    const stop = () => {
      dragging.current = false;
      window.removeEventListener("pointerup", stop);
    };
    window.addEventListener("pointerup", stop);
  };
  const onPointerOver = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const cell = cellAt(e.target);
    if (cell) setSelection((s) => (s && (s.focus.r !== cell.r || s.focus.c !== cell.c) ? { anchor: s.anchor, focus: cell } : s));
  };

  const startResize = (column: number, event: ReactPointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widthOf(column);
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => setWidth(column, clampWidth(startWidth + e.clientX - startX, MAX_RESIZED_COLUMN_PX));
    const stop = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", stop);
      target.removeEventListener("pointercancel", stop);
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", stop);
    target.addEventListener("pointercancel", stop);
  };
  const fit = (column: number) =>
    setWidth(
      column,
      fitWidth(columns[column]!.name, columns[column]!.type, (r) => rowAt(r)?.[column], shownRows, kinds[column]!, formats[column]),
    );

  const setSort = (column: number, direction: SortSpec["direction"] | null) => setSpec((s) => ({ ...s, sort: direction ? { column, direction } : null }));
  const cycleSort = (column: number) => {
    const current = spec.sort?.column === column ? spec.sort.direction : null;
    setSort(column, current === null ? "asc" : current === "asc" ? "desc" : null);
  };
  const setFilter = (column: number, filter: ColumnFilter | null) =>
    setSpec((s) => ({ ...s, filters: [...s.filters.filter((f) => f.column !== column), ...(filter ? [filter] : [])] }));
  const filters = activeFilters(spec);
  const viewActive = !!spec.sort || filters.length > 0 || spec.quick.trim() !== "";
  const describe = [
    spec.sort ? `Sorted by ${columns[spec.sort.column]?.name} ${spec.sort.direction === "asc" ? "ascending" : "descending"}` : null,
    filters.length || spec.quick.trim() ? `filtered` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const newRows = rowCount - view.coveredRows;

  const visibleRows: number[] = [];
  for (let i = rowWindow.first; i < rowWindow.end; i++) visibleRows.push(i);
  const rect = selection ? rectOf(selection) : null;
  const menuColumn = columnMenu ? columnMenu.column : -1;

  return (
    <div className="flex h-full flex-col">
      <GridToolbar
        columns={columns}
        quick={spec.quick}
        onQuick={(quick) => setSpec((s) => ({ ...s, quick }))}
        active={viewActive}
        describe={describe + (newRows > 0 && !view.progress ? ` (${formatCount(newRows)} rows arrived since)` : "")}
        shownRows={shownRows}
        loadedRows={view.progress !== null ? rowCount : view.coveredRows}
        truncated={truncated}
        progress={view.progress}
        onCancel={() => {
          view.cancel();
          setSpec(EMPTY_VIEW);
        }}
        onClear={() => setSpec(EMPTY_VIEW)}
        hidden={[...hidden].sort((a, b) => a - b)}
        onShow={(c) => setHidden(c === "all" ? new Set() : new Set([...hidden].filter((h) => h !== c)))}
        announcement={announcement}
      />
      <div
        ref={scrollRef}
        role="table"
        aria-label="Query results"
        aria-rowcount={shownRows + 1}
        aria-colcount={layout.shown.length + 1}
        aria-describedby={undefined}
        // Focusable: arrows move the active cell, Page Up/Down and Ctrl+Home/End jump.
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerOver={onPointerOver}
        onContextMenu={(e) => {
          if (!cellAt(e.target)) return;
          e.preventDefault();
          setCellMenu({ x: e.clientX, y: e.clientY });
        }}
        className="relative min-h-0 flex-1 overflow-auto overscroll-contain bg-white font-mono text-xs outline-none dark:bg-slate-950"
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
              {[
                ...pinnedCells.map((p, i) => ({ column: p.column, position: i, width: p.width, left: p.left as number | null, key: `p${p.column}` })),
                null,
                ...virtualColumns.map((vc) => ({ column: scrolling[vc.index]!, position: layout.pinnedCount + vc.index, width: vc.size, left: null, key: String(vc.key) })),
              ].map((h) =>
                h === null ? (
                  <div key="lead" aria-hidden className="flex-none" style={{ width: leadingSpace }} />
                ) : (
                  <GridHeader
                    key={h.key}
                    column={columns[h.column]!}
                    position={h.position}
                    width={h.width}
                    numeric={kinds[h.column] === "number"}
                    sort={spec.sort?.column === h.column ? spec.sort.direction : null}
                    filtered={filters.some((f) => f.column === h.column)}
                    stickyLeft={h.left}
                    lastPinned={h.left !== null && h.position === layout.pinnedCount - 1}
                    onSort={() => cycleSort(h.column)}
                    onMenu={(x, y) => setColumnMenu({ column: h.column, x, y })}
                    onResizeStart={(e) => startResize(h.column, e)}
                    onFit={() => fit(h.column)}
                  />
                ),
              )}
            </div>
          </div>
          <div role="rowgroup" className="relative" style={{ height: rowWindow.bodyHeight }}>
            <div className="absolute inset-x-0 top-0" style={{ transform: `translateY(${rowWindow.containerTop}px)` }}>
              {visibleRows.map((shown) => (
                <GridRow
                  key={shown}
                  shown={shown}
                  rowNumber={rowIndexOf(shown) + 1}
                  row={rowAt(shown)}
                  top={rowWindow.rowTop(shown)}
                  cols={cols}
                  selected={rect && shown >= rect.rowStart && shown <= rect.rowEnd ? [rect.colStart, rect.colEnd] : null}
                  active={focus?.r === shown ? focus.c : -1}
                />
              ))}
            </div>
          </div>
        </div>
      </div>
      {shownRows === 0 && viewActive && view.progress === null && <p className="p-4 text-center text-sm text-slate-500 dark:text-slate-400">No loaded row matches the filter.</p>}
      {columnMenu && columns[menuColumn] && (
        <ColumnMenu
          x={columnMenu.x}
          y={columnMenu.y}
          column={columns[menuColumn]}
          index={menuColumn}
          kind={kinds[menuColumn]!}
          sort={spec.sort}
          filter={spec.filters.find((f) => f.column === menuColumn)}
          format={formats[menuColumn]}
          pinned={pinned.includes(menuColumn)}
          onSort={(direction) => setSort(menuColumn, direction)}
          onFilter={(filter) => setFilter(menuColumn, filter)}
          onFormat={(format) => setFormats((f) => ({ ...f, [menuColumn]: { ...f[menuColumn], ...format } }))}
          onPin={(pin) => setPinned((p) => (pin ? [...p.filter((c) => c !== menuColumn), menuColumn] : p.filter((c) => c !== menuColumn)))}
          onHide={() => setHidden(new Set([...hidden, menuColumn]))}
          onFit={() => fit(menuColumn)}
          onClose={() => setColumnMenu(null)}
        />
      )}
      {cellMenu && selection && (
        <Popover x={cellMenu.x} y={cellMenu.y} onClose={() => setCellMenu(null)} label="Cell actions" role="menu">
          {(
            [
              ["Copy cell", { rowStart: selection.focus.r, rowEnd: selection.focus.r, colStart: selection.focus.c, colEnd: selection.focus.c }, false],
              ["Copy row", { rowStart: selection.focus.r, rowEnd: selection.focus.r, colStart: 0, colEnd: lastCol }, false],
              ["Copy column", { rowStart: 0, rowEnd: lastRow, colStart: selection.focus.c, colEnd: selection.focus.c }, false],
              ["Copy selection", rectOf(selection), false],
              ["Copy selection with column names", rectOf(selection), true],
            ] as const
          ).map(([label, range, header]) => (
            <MenuItem
              key={label}
              shortcut={label === "Copy selection" ? "Ctrl+C" : undefined}
              onSelect={() => {
                setCellMenu(null);
                void copy(range, header);
              }}
            >
              {label}
            </MenuItem>
          ))}
          <MenuItem
            shortcut="Enter"
            onSelect={() => {
              setCellMenu(null);
              setDetailRow(selection.focus.r);
            }}
          >
            Show row
          </MenuItem>
        </Popover>
      )}
      <RowDetail
        shownRow={detailRow}
        shownRows={shownRows}
        rowNumber={detailRow === null ? 0 : rowIndexOf(detailRow) + 1}
        row={detailRow === null ? undefined : rowAt(detailRow)}
        columns={columns}
        onMove={setDetailRow}
        onClose={() => setDetailRow(null)}
      />
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

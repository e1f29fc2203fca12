"use client";
// The tree of one engine's catalogs → schemas → tables → columns. Each level loads when its parent
// is first expanded; the visible rows are one flat list (tree-rows.ts) rendered through
// @tanstack/react-virtual, so a schema with thousands of tables stays smooth. Keyboard focus stays
// on the tree element and moves between rows with aria-activedescendant, which keeps working
// when the focused row is scrolled out and unmounted.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { previewSql, quoteIdentifier, tableReference, type TablePath } from "./sql-names";
import { resolveActive, treeMove } from "./tree-navigation";
import { flattenTree, isExpandable, nodeKey, type NodePath, type TreeRow as Row } from "./tree-rows";
import { ROW_HEIGHT, TreeRow } from "./tree-row";
import { useSchemaData } from "./use-schema-data";

export type SchemaTreeProps = {
  engineId: string;
  /** The tab's catalog and schema: table names are inserted relative to them. */
  catalog: string | null;
  schema: string | null;
  filter: string;
  /** Nodes to open because the catalog's search found something under them (catalog-matches.ts). */
  reveal?: readonly NodePath[];
  /** Tables the catalog's search found, shown even when the filter matches neither their name nor a loaded column. */
  alsoShow?: ReadonlySet<string>;
  onInsert: (text: string) => void;
  onQueryTable: (sql: string, table: string) => void;
};

type Expansion = { expanded: ReadonlySet<string>; requested: readonly NodePath[] };

export function SchemaTree({ engineId, catalog, schema, filter, reveal, alsoShow, onInsert, onQueryTable }: SchemaTreeProps) {
  // The tab's catalog starts open: its schemas are already loaded for the toolbar's picker.
  const [expansion, setExpansion] = useState<Expansion>(() =>
    catalog ? { expanded: new Set([nodeKey([catalog])]), requested: [[catalog]] } : { expanded: new Set(), requested: [] },
  );
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const { data, retry } = useSchemaData(engineId, expansion.requested);
  const rows = useMemo(() => flattenTree(data, expansion.expanded, filter, alsoShow), [data, expansion.expanded, filter, alsoShow]);

  // Search hits arrive from the server: open the way to them (their data loads as nodes open).
  useEffect(() => {
    if (!reveal?.length) return;
    setExpansion((s) => {
      const missing = reveal.filter((p) => !s.expanded.has(nodeKey(p)));
      if (!missing.length) return s;
      const expanded = new Set(s.expanded);
      for (const p of missing) expanded.add(nodeKey(p));
      const known = new Set(s.requested.map(nodeKey));
      return { expanded, requested: [...s.requested, ...missing.filter((p) => !known.has(nodeKey(p)))] };
    });
  }, [reveal]);
  const byKey = useMemo(() => new Map(rows.map((r, i) => [r.key, { row: r, index: i }])), [rows]);
  const active = resolveActive(rows, activeKey);
  const activeIndex = active ? (byKey.get(active)?.index ?? -1) : -1;

  const scrollRef = useRef<HTMLDivElement>(null);
  // Sizes are cached by row key, so a measured error row keeps its height when rows above change.
  const getItemKey = useCallback((index: number) => rows[index]!.key, [rows]);
  const estimateSize = useCallback((index: number) => (isError(rows[index]) ? 2 * ROW_HEIGHT : ROW_HEIGHT), [rows]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize, getItemKey, overscan: 12 });
  const idPrefix = useId();
  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  // Handlers get a row key (TreeRow is memoized) and read the latest rows through a ref.
  const latest = useRef({ byKey, catalog, schema, onInsert, onQueryTable, retry });
  latest.current = { byKey, catalog, schema, onInsert, onQueryTable, retry };

  const setOpen = useCallback((key: string, open: boolean) => {
    const row = latest.current.byKey.get(key)?.row;
    if (!row || !isExpandable(row)) return;
    setExpansion((s) => {
      if (s.expanded.has(key) === open) return s;
      const expanded = new Set(s.expanded);
      if (open) expanded.add(key);
      else expanded.delete(key);
      const known = s.requested.some((p) => nodeKey(p) === key);
      return { expanded, requested: open && !known ? [...s.requested, row.path] : s.requested };
    });
  }, []);

  const onToggle = useCallback(
    (key: string) => {
      setActiveKey(key);
      const row = latest.current.byKey.get(key)?.row;
      if (row && isExpandable(row)) setOpen(key, !row.expanded);
    },
    [setOpen],
  );

  /** A table or column name into the editor; catalogs and schemas open or close instead. */
  const onPick = useCallback(
    (key: string) => {
      setActiveKey(key);
      const { byKey, catalog, schema, onInsert } = latest.current;
      const row = byKey.get(key)?.row;
      if (row?.kind === "table") onInsert(tableReference(tablePath(row.path), { catalog, schema }));
      else if (row?.kind === "column") onInsert(quoteIdentifier(row.name));
      else if (row && isExpandable(row)) setOpen(key, !row.expanded);
    },
    [setOpen],
  );

  const onPreview = useCallback((key: string) => {
    setActiveKey(key);
    const row = latest.current.byKey.get(key)?.row;
    if (row?.kind === "table") latest.current.onQueryTable(previewSql(tablePath(row.path)), row.name);
  }, []);

  const onRetry = useCallback((key: string) => {
    setActiveKey(key);
    const row = latest.current.byKey.get(key)?.row;
    if (row?.kind === "status") latest.current.retry(row.path);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = active ? byKey.get(active)?.row : undefined;
    if (event.key === "Enter" && row) {
      event.preventDefault();
      if (row.kind === "status") onRetry(row.key);
      else if (event.shiftKey && row.kind === "table") onPreview(row.key);
      else onPick(row.key);
      return;
    }
    const move = treeMove(rows, active, event.key);
    if (!move) return;
    event.preventDefault();
    if (move.type === "focus") {
      setActiveKey(move.key);
      const index = byKey.get(move.key)?.index;
      if (index !== undefined) virtualizer.scrollToIndex(index, { align: "auto" });
    } else {
      setOpen(move.key, move.type === "expand");
    }
  };

  const items = virtualizer.getVirtualItems();
  const activeShown = items.some((item) => item.index === activeIndex);
  const busy = rows.some((r) => r.kind === "status" && r.status === "loading");

  return (
    <div
      ref={scrollRef}
      role="tree"
      aria-label="Catalogs, schemas, tables and columns"
      aria-activedescendant={activeShown ? rowId(activeIndex) : undefined}
      aria-busy={busy || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="group/tree relative min-h-0 flex-1 overflow-auto overscroll-contain py-1 outline-none"
      data-testid="schema-tree"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <TreeRow
              key={row.key}
              row={row}
              id={rowId(item.index)}
              active={item.index === activeIndex}
              top={item.start}
              index={item.index}
              measure={isError(row) ? virtualizer.measureElement : undefined}
              onToggle={onToggle}
              onPick={onPick}
              onPreview={onPreview}
              onRetry={onRetry}
            />
          );
        })}
      </div>
    </div>
  );
}

function isError(row: Row | undefined): boolean {
  return row?.kind === "status" && row.status === "error";
}

function tablePath([catalog = "", schema = "", table = ""]: NodePath): TablePath {
  return [catalog, schema, table];
}

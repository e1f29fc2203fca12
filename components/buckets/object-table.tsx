"use client";
// One page of a folder: subfolders first, then files, sortable within the page. Rows are
// virtualised against the window, so a 1,000-entry page scrolls like a 10-entry one.
import Link from "next/link";
import { useLayoutEffect, useRef, useState } from "react";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, Download, File, FileImage, FileJson, FileSpreadsheet, FileText, Folder } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { ClientTime } from "./client-time";
import { formatBytes } from "./format";
import { downloadHref, folderHref, objectHref } from "./paths";

export type Row = { type: "folder"; id: string; name: string; prefix: string } | { type: "object"; id: string; name: string; key: string; size: number; lastModified: Date };

export type SortBy = "name" | "size" | "modified";
export type Sort = { by: SortBy; dir: "asc" | "desc" };

const ROW_HEIGHT = 44;
// Without the right to change anything there is no selection column.
const GRID = {
  selectable: "grid grid-cols-[2rem_minmax(0,1fr)_5.5rem_2.25rem] sm:grid-cols-[2rem_minmax(0,1fr)_6.5rem_11.5rem_2.5rem] items-center gap-x-2 px-3",
  readOnly: "grid grid-cols-[minmax(0,1fr)_5.5rem_2.25rem] sm:grid-cols-[minmax(0,1fr)_6.5rem_11.5rem_2.5rem] items-center gap-x-2 px-4",
};

export function sortRows(rows: Row[], sort: Sort): Row[] {
  const factor = sort.dir === "asc" ? 1 : -1;
  const byName = (a: Row, b: Row) => factor * a.name.localeCompare(b.name, undefined, { numeric: true });
  const folders = rows.filter((r) => r.type === "folder").sort(byName);
  const objects = rows.filter((r): r is Extract<Row, { type: "object" }> => r.type === "object");
  objects.sort((a, b) => {
    if (sort.by === "size") return factor * (a.size - b.size) || byName(a, b);
    if (sort.by === "modified") return factor * (new Date(a.lastModified).getTime() - new Date(b.lastModified).getTime()) || byName(a, b);
    return byName(a, b);
  });
  return [...folders, ...objects];
}

type Props = {
  bucket: string;
  rows: Row[];
  sort: Sort;
  onSort: (by: SortBy) => void;
  selectable: boolean;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
};

export function ObjectTable({ bucket, rows, sort, onSort, selectable, selected, onToggle, onToggleAll }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset(listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0);
  }, []);
  // initialRect makes the server's render and the browser's first render list the same rows.
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => ROW_HEIGHT, overscan: 12, scrollMargin: offset, initialRect: { width: 0, height: 900 } });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const grid = selectable ? GRID.selectable : GRID.readOnly;

  return (
    <div role="table" aria-label="Folders and files" aria-rowcount={rows.length + 1} className="text-sm">
      <div
        role="row"
        className={cx(grid, "h-10 border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400")}
      >
        {selectable && (
          <span role="columnheader" className="flex justify-center">
            <input type="checkbox" aria-label="Select all on this page" checked={allSelected} onChange={onToggleAll} className="size-4 accent-sky-600" />
          </span>
        )}
        <SortHeader label="Name" by="name" sort={sort} onSort={onSort} />
        <SortHeader label="Size" by="size" sort={sort} onSort={onSort} className="justify-end" />
        <SortHeader label="Last modified" by="modified" sort={sort} onSort={onSort} className="hidden sm:flex" />
        <span role="columnheader" className="sr-only">
          Download
        </span>
      </div>
      <div ref={listRef} className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={row.id}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selectable ? selected.has(row.id) : undefined}
              className={cx(
                grid,
                "absolute inset-x-0 border-b border-slate-100 hover:bg-slate-50 dark:border-slate-800/70 dark:hover:bg-slate-800/40",
                selected.has(row.id) && "bg-sky-50/70 dark:bg-sky-400/5",
              )}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
            >
              {selectable && (
                <span role="cell" className="flex justify-center">
                  <input type="checkbox" aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={() => onToggle(row.id)} className="size-4 accent-sky-600" />
                </span>
              )}
              <span role="cell" className="min-w-0">
                <Link
                  href={row.type === "folder" ? folderHref(bucket, row.prefix) : objectHref(bucket, row.key)}
                  className={cx(
                    "flex min-w-0 items-center gap-2 rounded font-medium text-slate-800 hover:text-sky-700 hover:underline dark:text-slate-100 dark:hover:text-sky-300",
                    focusRing,
                  )}
                >
                  <RowIcon row={row} />
                  <span className="truncate" title={row.name}>
                    {row.name}
                    {row.type === "folder" ? "/" : ""}
                  </span>
                </Link>
              </span>
              <span role="cell" className="text-right text-slate-600 tabular-nums dark:text-slate-400">
                {row.type === "object" ? formatBytes(row.size) : "—"}
              </span>
              <span role="cell" className="hidden truncate text-slate-600 tabular-nums sm:block dark:text-slate-400">
                {row.type === "object" ? <ClientTime value={row.lastModified} /> : ""}
              </span>
              <span role="cell" className="flex justify-end">
                {row.type === "object" && (
                  <a
                    href={downloadHref(bucket, row.key)}
                    aria-label={`Download ${row.name}`}
                    title="Download"
                    className={cx(
                      "rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100",
                      focusRing,
                    )}
                  >
                    <Download aria-hidden className="size-4" />
                  </a>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function SortHeader({ label, by, sort, onSort, className }: { label: string; by: SortBy; sort: Sort; onSort: (by: SortBy) => void; className?: string }) {
  const active = sort.by === by;
  const Arrow = sort.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <span role="columnheader" aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} className={cx("flex", className)}>
      <button
        type="button"
        onClick={() => onSort(by)}
        className={cx("inline-flex items-center gap-1 rounded hover:text-slate-900 dark:hover:text-white", focusRing, active && "text-slate-900 dark:text-white")}
      >
        {label}
        {active && <Arrow aria-hidden className="size-3" />}
      </button>
    </span>
  );
}

function RowIcon({ row }: { row: Row }) {
  const cls = "size-4 shrink-0";
  if (row.type === "folder") return <Folder aria-hidden className={cx(cls, "fill-sky-100 text-sky-600 dark:fill-sky-400/20 dark:text-sky-400")} />;
  const ext = row.name.split(".").at(-1)?.toLowerCase() ?? "";
  if (["csv", "tsv", "parquet", "xlsx", "arrow", "avro", "orc"].includes(ext)) return <FileSpreadsheet aria-hidden className={cx(cls, "text-emerald-600 dark:text-emerald-400")} />;
  if (["json", "ndjson", "jsonl", "geojson"].includes(ext)) return <FileJson aria-hidden className={cx(cls, "text-amber-600 dark:text-amber-400")} />;
  if (["png", "jpg", "jpeg", "gif", "webp", "svg"].includes(ext)) return <FileImage aria-hidden className={cx(cls, "text-violet-600 dark:text-violet-400")} />;
  if (["txt", "md", "log", "sql", "yaml", "yml", "xml"].includes(ext)) return <FileText aria-hidden className={cx(cls, "text-slate-500")} />;
  return <File aria-hidden className={cx(cls, "text-slate-400")} />;
}

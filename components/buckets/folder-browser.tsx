"use client";
// A folder of a bucket: breadcrumbs, name filter (kept in the URL), one page at a time through
// continuation tokens, sorting within the page, and — for people who may write — upload (button
// or drag and drop), new folder and delete.
import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, FolderOpen, FolderPlus, LoaderCircle, Lock, Search, SearchX, Trash2, Upload } from "lucide-react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/form";
import { ListPanel } from "@/components/ui/list-panel";
import { describeLimit } from "@/lib/storage/upload-limit";
import { useTRPC } from "@/components/trpc/react";
import { Breadcrumbs } from "./breadcrumbs";
import { DeleteDialog, type DeleteTarget } from "./delete-dialog";
import { formatCount } from "./format";
import { DEFAULT_PAGE_SIZE, objectsInput, PAGE_SIZES } from "./inputs";
import { NewFolderDialog } from "./new-folder-dialog";
import { ObjectTable, sortRows, type Row, type Sort, type SortBy } from "./object-table";
import { folderHref } from "./paths";
import { UploadPanel } from "./upload-panel";
import { useUploads } from "./use-uploads";

// Shared and never mutated: every change of a selection makes a new set.
const NOTHING_SELECTED = new Set<string>();

export function FolderBrowser({ bucket, prefix, initialFilter }: { bucket: string; prefix: string; initialFilter: string }) {
  const api = useTRPC().buckets;
  const queryClient = useQueryClient();
  const [filterText, setFilterText] = useState(initialFilter);
  const filter = useDebouncedValue(filterText.trim(), 250);
  const [pageSize, setPageSize] = useState<number>(DEFAULT_PAGE_SIZE);

  // Cursors of the pages seen so far: Previous pops, Next pushes. A new filter or page size
  // starts again from the first page.
  const pagingKey = `${filter}\u0000${pageSize}`;
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: pagingKey, cursors: [null] });
  const cursors = paging.key === pagingKey ? paging.cursors : [null];
  const cursor = cursors.at(-1) ?? null;

  const page = useQuery(api.objects.queryOptions(objectsInput({ bucket, prefix, filter, cursor, pageSize }), { placeholderData: keepPreviousData }));
  const data = page.data;

  // The filter is part of the address, so a filtered folder can be shared; no server round trip.
  useEffect(() => {
    const href = folderHref(bucket, prefix, filter);
    if (window.location.pathname + window.location.search !== href) window.history.replaceState(null, "", href);
  }, [bucket, prefix, filter]);

  const [sort, setSort] = useState<Sort>({ by: "name", dir: "asc" });
  const onSort = (by: SortBy) => setSort((s) => (s.by === by ? { by, dir: s.dir === "asc" ? "desc" : "asc" } : { by, dir: by === "name" ? "asc" : "desc" }));
  const rows = useMemo<Row[]>(() => {
    if (!data) return [];
    const folders: Row[] = data.folders.map((f) => ({ type: "folder", id: `p:${f.prefix}`, name: f.name, prefix: f.prefix }));
    const objects: Row[] = data.objects.map((o) => ({ type: "object", id: `k:${o.key}`, name: o.name, key: o.key, size: o.size, lastModified: o.lastModified }));
    return sortRows([...folders, ...objects], sort);
  }, [data, sort]);

  // The selection belongs to one page: another cursor, filter or page size starts empty. It is
  // kept beside its page's key and reset while rendering (React's pattern for state that follows
  // a value), not by an effect after an extra render with the old page's selection.
  const selectionKey = JSON.stringify([cursor, filter, pageSize]);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> }>({ key: selectionKey, ids: NOTHING_SELECTED });
  if (selection.key !== selectionKey) setSelection({ key: selectionKey, ids: NOTHING_SELECTED });
  const selected = selection.key === selectionKey ? selection.ids : NOTHING_SELECTED;
  const setSelected = (next: (ids: Set<string>) => Set<string>) => setSelection((s) => ({ key: selectionKey, ids: next(s.key === selectionKey ? s.ids : NOTHING_SELECTED) }));
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const toggleAll = () => setSelected((s) => (rows.every((r) => s.has(r.id)) ? new Set() : new Set(rows.map((r) => r.id))));

  const [deleteTarget, setDeleteTarget] = useState<DeleteTarget | null>(null);
  const [newFolderOpen, setNewFolderOpen] = useState(false);
  const canWrite = data?.canWrite ?? false;
  const limit = useQuery(api.uploadLimit.queryOptions({ bucket }, { enabled: canWrite, staleTime: Infinity }));
  const maxBytes = limit.data?.maxBytes ?? null;

  const uploads = useUploads({
    bucket,
    maxBytes,
    onUploaded: () => {
      void queryClient.invalidateQueries({ queryKey: api.objects.pathKey() });
      void queryClient.invalidateQueries({ queryKey: api.summary.pathKey() });
    },
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const drop = useFileDrop(canWrite, (files) => uploads.add(files, prefix));

  const pageNumber = cursors.length;
  const goNext = () => data?.nextCursor && setPaging({ key: pagingKey, cursors: [...cursors, data.nextCursor] });
  const goPrevious = () => setPaging({ key: pagingKey, cursors: cursors.slice(0, -1) });

  return (
    <div className="relative space-y-4" {...drop.handlers}>
      <div className="space-y-2">
        <Breadcrumbs bucket={bucket} prefix={prefix} />
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 truncate text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{prefix ? prefix.split("/").at(-2) : bucket}</h1>
          {data && !canWrite && (
            <Badge>
              <Lock aria-hidden className="size-3" />
              Read only
            </Badge>
          )}
          <span className="mr-auto" />
          {canWrite && (
            <>
              <Button onClick={() => setNewFolderOpen(true)}>
                <FolderPlus aria-hidden className="size-4" />
                New folder
              </Button>
              {maxBytes !== null && (
                <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="upload-limit">
                  Files up to {describeLimit(maxBytes)}
                </span>
              )}
              <Button variant="primary" onClick={() => fileInput.current?.click()}>
                <Upload aria-hidden className="size-4" />
                Upload
              </Button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                data-testid="upload-input"
                onChange={(e) => {
                  uploads.add([...(e.target.files ?? [])], prefix);
                  e.target.value = "";
                }}
              />
            </>
          )}
        </div>
      </div>

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div className="relative sm:w-80">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <Input
            type="search"
            aria-label="Filter by name"
            placeholder="Filter: names starting with…"
            value={filterText}
            onChange={(e) => setFilterText(e.target.value)}
            className="pl-9"
            spellCheck={false}
          />
        </div>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span className="whitespace-nowrap">Per page</span>
            <Select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))} className="h-9 w-24">
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </label>
          {page.isFetching && <LoaderCircle aria-label="Loading" className="size-4 animate-spin text-slate-400" />}
          {canWrite && selected.size > 0 && (
            <Button variant="danger" size="sm" className="ml-auto sm:ml-2" onClick={() => setDeleteTarget(targetOf(rows, selected))}>
              <Trash2 aria-hidden className="size-4" />
              Delete {selected.size}
            </Button>
          )}
        </div>
      </div>

      <ListPanel
        query={page}
        pending={
          <div className="flex items-center justify-center gap-2 py-16 text-sm text-slate-500">
            <LoaderCircle aria-hidden className="size-4 animate-spin" /> Loading…
          </div>
        }
        isEmpty={(d) => d.folders.length + d.objects.length === 0}
        empty={
          filter ? (
            <EmptyState icon={SearchX} title={`No names start with “${filter}”`}>
              Only this folder is searched, by the start of the name.
            </EmptyState>
          ) : (
            <EmptyState icon={FolderOpen} title="This folder is empty">
              {canWrite ? "Drop files here, or use Upload." : "Nothing has been stored here yet."}
            </EmptyState>
          )
        }
      >
        {() => <ObjectTable bucket={bucket} rows={rows} sort={sort} onSort={onSort} selectable={canWrite} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />}
      </ListPanel>

      {data && (rows.length > 0 || pageNumber > 1) && (
        <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
          <p aria-live="polite" className="text-slate-600 tabular-nums dark:text-slate-400">
            Page {pageNumber} · {formatCount(data.folders.length, "folder")}, {formatCount(data.objects.length, "file")}
            {data.nextCursor ? " · more on the next page" : ""}
          </p>
          <div className="flex gap-2">
            <Button size="sm" onClick={goPrevious} disabled={pageNumber <= 1} aria-label="Previous page">
              <ChevronLeft aria-hidden className="size-4" />
              <span className="hidden sm:inline">Previous</span>
            </Button>
            <Button size="sm" onClick={goNext} disabled={!data.nextCursor || page.isPlaceholderData} aria-label="Next page">
              <span className="hidden sm:inline">Next</span>
              <ChevronRight aria-hidden className="size-4" />
            </Button>
          </div>
        </nav>
      )}

      {drop.active && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 z-20 flex items-center justify-center rounded-xl border-2 border-dashed border-sky-500 bg-sky-50/80 dark:bg-sky-950/70"
        >
          <p className="flex items-center gap-2 rounded-lg bg-white px-4 py-3 text-sm font-medium text-sky-800 shadow dark:bg-slate-900 dark:text-sky-200">
            <Upload className="size-4" /> Drop to upload into {bucket}/{prefix}
          </p>
        </div>
      )}

      <UploadPanel
        items={uploads.items}
        limitNote={maxBytes === null ? null : `Bucket ${bucket} accepts files up to ${describeLimit(maxBytes)}.`}
        onCancel={uploads.cancel}
        onReplace={uploads.replace}
        onRetry={uploads.retry}
        onClear={uploads.clearFinished}
      />
      <NewFolderDialog bucket={bucket} prefix={prefix} open={newFolderOpen} onClose={() => setNewFolderOpen(false)} />
      <DeleteDialog
        bucket={bucket}
        target={deleteTarget}
        onClose={() => setDeleteTarget(null)}
        onDeleted={() => {
          setDeleteTarget(null);
          setSelected(() => new Set());
        }}
      />
    </div>
  );
}

function targetOf(rows: Row[], selected: Set<string>): DeleteTarget {
  const picked = rows.filter((r) => selected.has(r.id));
  return {
    keys: picked.flatMap((r) => (r.type === "object" ? [r.key] : [])),
    prefixes: picked.flatMap((r) => (r.type === "folder" ? [r.prefix] : [])),
  };
}

/** Drag-and-drop of files onto the folder; nested enter/leave events are counted. */
function useFileDrop(enabled: boolean, onFiles: (files: File[]) => void) {
  const [active, setActive] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: DragEvent) => enabled && [...e.dataTransfer.types].includes("Files");
  return {
    active,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setActive(true);
      },
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      },
      onDragLeave: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setActive(false);
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setActive(false);
        // Folders dropped from the desktop arrive as zero-type entries; only plain files go up.
        const files = [...e.dataTransfer.items]
          .filter((item) => item.kind === "file" && !item.webkitGetAsEntry()?.isDirectory)
          .map((item) => item.getAsFile())
          .filter((f): f is File => f !== null);
        if (files.length) onFiles(files);
      },
    },
  };
}

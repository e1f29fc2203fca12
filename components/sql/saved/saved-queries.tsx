"use client";
// SQL › Saved: find saved queries, open one in a new editor tab (its link does the same for
// anyone signed in), copy its link, delete it (its owner or an admin; the server decides and
// its answer is shown as it is).
import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, Check, Link2, Search, SquarePen, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/react";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { errorMessage } from "@/components/lib/trpc-errors";
import { cx } from "@/components/lib/cx";
import { Alert } from "@/components/ui/alert";
import { Button, focusRing } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { ListPanel } from "@/components/ui/list-panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOpenInEditor } from "../tabs/open-in-editor";
import { SAVED_PAGE_SIZE, savedListInput } from "./saved-input";

type SavedRow = {
  id: string;
  name: string;
  description: string;
  sql: string;
  engineId: string;
  catalog: string | null;
  schema: string | null;
  owner: { id: string; email: string; name: string };
  updatedAt: Date;
};

export function SavedQueries({ currentUserId, isAdmin }: { currentUserId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const openInEditor = useOpenInEditor();
  const [searchText, setSearchText] = useState("");
  const [mine, setMine] = useState(false);
  const search = useDebouncedValue(searchText.trim(), 300);
  const filterKey = `${search}\u0000${mine}`;
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const [deleting, setDeleting] = useState<SavedRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const list = useQuery(trpc.sql.saved.list.queryOptions(savedListInput({ search, mine, page }), { placeholderData: keepPreviousData }));
  const remove = useMutation(
    trpc.sql.saved.delete.mutationOptions({
      onSuccess: () => {
        setNotice(`“${deleting?.name}” was deleted.`);
        setDeleting(null);
        void queryClient.invalidateQueries({ queryKey: trpc.sql.saved.pathKey() });
      },
    }),
  );

  const copyLink = async (row: SavedRow) => {
    const url = `${window.location.origin}/sql?saved=${row.id}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(row.id);
    } catch {
      window.prompt("Copy this link:", url);
    }
  };

  return (
    <section aria-labelledby="saved-heading" className="space-y-4">
      <h2 id="saved-heading" className="sr-only">
        Saved queries
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative min-w-[14rem] flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
          <Input
            type="search"
            aria-label="Search saved queries by name or description"
            placeholder="Search saved queries…"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            className="pl-9"
          />
        </div>
        <label className="flex h-10 items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} className="size-4 rounded border-slate-300 accent-sky-600" />
          Only mine
        </label>
      </div>
      {notice && (
        <Alert tone="success" onDismiss={() => setNotice(null)}>
          {notice}
        </Alert>
      )}

      <ListPanel
        query={list}
        pending={<SkeletonRows label="Loading saved queries" rows={4} height="h-14" />}
        isEmpty={(data) => data.queries.length === 0}
        empty={
          <EmptyState icon={Bookmark} title={search || mine ? "No saved queries match" : "No saved queries yet"}>
            {search || mine ? "Try other words." : "Save a query from the editor (Save, or Ctrl+S) to find it here and share its link."}
          </EmptyState>
        }
      >
        {(data) => (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.queries.map((row) => {
              const mayChange = row.owner.id === currentUserId || isAdmin;
              return (
                <li key={row.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-start">
                  <div className="min-w-0 flex-1">
                    <Link href={`/sql?saved=${row.id}`} className={cx("rounded font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
                      {row.name}
                    </Link>
                    {row.description && <p className="mt-0.5 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{row.description}</p>}
                    <code className="mt-1 block truncate font-mono text-xs text-slate-500 dark:text-slate-400" title={row.sql.slice(0, 2_000)}>
                      {row.sql.replace(/\s+/g, " ").slice(0, 300)}
                    </code>
                    <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                      {row.owner.name || row.owner.email} · {row.engineId}
                      {row.catalog ? ` · ${row.catalog}${row.schema ? `.${row.schema}` : ""}` : ""} · updated <LocalTime value={row.updatedAt} />
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-wrap gap-1.5">
                    <Button
                      size="sm"
                      onClick={() =>
                        openInEditor({
                          title: row.name,
                          sql: row.sql,
                          engineId: row.engineId,
                          catalog: row.catalog,
                          schema: row.schema,
                          savedQueryId: row.id,
                          savedVersion: row.updatedAt.toISOString(),
                        })
                      }
                      aria-label={`Open ${row.name} in the editor`}
                    >
                      <SquarePen aria-hidden className="size-4" />
                      Open
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => void copyLink(row)} aria-label={`Copy the link to ${row.name}`}>
                      {copied === row.id ? <Check aria-hidden className="size-4 text-emerald-600" /> : <Link2 aria-hidden className="size-4" />}
                      {copied === row.id ? "Copied" : "Link"}
                    </Button>
                    {mayChange && (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40"
                        onClick={() => {
                          remove.reset();
                          setDeleting(row);
                        }}
                        aria-label={`Delete ${row.name}`}
                      >
                        <Trash2 aria-hidden className="size-4" />
                        Delete
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </ListPanel>
      {list.data && list.data.total > 0 && (
        <Pagination page={page} pageSize={SAVED_PAGE_SIZE} total={list.data.total} onPageChange={(p) => setPaging({ filterKey, page: p })} label="Saved query pages" />
      )}

      <ConfirmDialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        title="Delete this saved query?"
        confirmLabel="Delete"
        tone="danger"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        “{deleting?.name}” will be gone for everyone, and its link will stop working.
      </ConfirmDialog>
    </section>
  );
}

"use client";
// The header's dataset search: a button (and Ctrl/Cmd+K anywhere) opens a search box whose hits
// appear while typing; arrows move, Enter opens, Escape closes. "See all results" opens the
// catalog's search page with facets. Follows the ARIA combobox pattern.
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowRight, CornerDownLeft, LoaderCircle, Search } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { errorMessage } from "@/components/lib/trpc-errors";
import { useDebouncedValue } from "@/components/lib/use-debounced-value";
import { focusRing } from "@/components/ui/button";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { datasetPath, searchPath } from "./paths";
import { KindBadge } from "./dataset/badges";
import { matchReasons } from "./search/reasons";

type SearchHitOutput = RouterOutputs["catalog"]["search"]["hits"][number];

const PALETTE_HITS = 8;

const neverChanges = () => () => undefined;
const shortcutLabel = () => (/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? "⌘K" : "Ctrl K");

export function SearchPalette() {
  const [open, setOpen] = useState(false);
  // The server renders "Ctrl K"; Apple browsers show "⌘K" once hydrated (read from the
  // browser, which never changes it, rather than set by an effect).
  const shortcut = useSyncExternalStore(neverChanges, shortcutLabel, () => "Ctrl K");
  const dialogRef = useRef<HTMLDialogElement>(null);

  // The <dialog> stays mounted (so closing returns focus to the button); its content is
  // rendered only while open, so each opening starts empty.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        className={cx(
          "flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-500 shadow-sm hover:border-slate-400 hover:text-slate-700 sm:w-56 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-slate-200",
          focusRing,
        )}
      >
        <Search aria-hidden className="size-4 shrink-0" />
        <span className="sr-only sm:not-sr-only sm:flex-1 sm:text-left">Search datasets…</span>
        <kbd className="hidden rounded border border-slate-200 px-1.5 font-sans text-[11px] text-slate-500 sm:inline dark:border-slate-700 dark:text-slate-400">{shortcut}</kbd>
      </button>
      <dialog
        ref={dialogRef}
        aria-label="Search datasets"
        // Escape (or the browser's close request) closes the dialog natively; keep the state in step.
        onClose={() => setOpen(false)}
        onClick={(e) => {
          if (e.target === e.currentTarget) setOpen(false);
        }}
        className="mx-auto mt-[10vh] w-[calc(100%-2rem)] max-w-2xl overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {open && <PaletteContent onClose={() => setOpen(false)} />}
      </dialog>
    </>
  );
}

function PaletteContent({ onClose }: { onClose: () => void }) {
  const catalog = useTRPC().catalog;
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 120);
  const listId = useId();

  useEffect(() => inputRef.current?.focus(), []);

  const results = useQuery({ ...catalog.search.queryOptions({ q, filters: {}, page: 1, pageSize: PALETTE_HITS }, { placeholderData: keepPreviousData }), enabled: q.length > 0 });
  const hits: SearchHitOutput[] = q && results.data ? results.data.hits : [];
  // Options: the hits, then "See all results".
  const optionCount = hits.length + (q ? 1 : 0);
  const current = Math.min(active, Math.max(0, optionCount - 1));

  const go = (href: string) => {
    onClose();
    router.push(href);
  };
  const choose = (index: number) => {
    const hit = hits[index];
    go(hit ? datasetPath(hit) : searchPath(q));
  };

  return (
    <>
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 dark:border-slate-800">
        {results.isFetching ? (
          <LoaderCircle aria-hidden className="size-5 shrink-0 animate-spin text-slate-400" />
        ) : (
          <Search aria-hidden className="size-5 shrink-0 text-slate-400" />
        )}
        <input
          ref={inputRef}
          role="combobox"
          aria-expanded={optionCount > 0}
          aria-controls={listId}
          aria-activedescendant={optionCount > 0 ? `${listId}-${current}` : undefined}
          aria-autocomplete="list"
          aria-label="Search datasets"
          autoComplete="off"
          spellCheck={false}
          maxLength={1000}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && optionCount) {
              e.preventDefault();
              setActive((current + 1) % optionCount);
            } else if (e.key === "ArrowUp" && optionCount) {
              e.preventDefault();
              setActive((current - 1 + optionCount) % optionCount);
            } else if (e.key === "Enter" && text.trim()) {
              e.preventDefault();
              // Enter before the results for what was typed arrived: search page for the text.
              if (q !== text.trim() || !optionCount) go(searchPath(text.trim()));
              else choose(current);
            }
          }}
          placeholder="Search datasets by name, column, tag, owner…"
          className="h-14 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-slate-400 dark:placeholder:text-slate-500"
        />
        <kbd className="hidden shrink-0 rounded border border-slate-200 px-1.5 text-[11px] text-slate-500 sm:inline dark:border-slate-700 dark:text-slate-400">Esc</kbd>
      </div>

      <div className="max-h-[60vh] overflow-y-auto">
        {!q ? (
          <p className="px-4 py-6 text-center text-sm text-slate-500 dark:text-slate-400">Type a dataset, column, tag or owner. Typos are forgiven.</p>
        ) : results.isError ? (
          <p role="alert" className="px-4 py-6 text-center text-sm text-red-700 dark:text-red-300">
            {errorMessage(results.error)}
          </p>
        ) : results.data?.message ? (
          <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-400">{results.data.message}</p>
        ) : null}
        {q && results.data && results.data.corrections.length > 0 && (
          <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            Also searched for {results.data.corrections.map((c) => c.replacements.join(" / ")).join(", ")}
          </p>
        )}
        <ul id={listId} role="listbox" aria-label="Datasets" className={cx(results.isPlaceholderData && "opacity-70")}>
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(i)}
              className={cx("flex cursor-pointer items-start gap-3 px-4 py-2.5", i === current ? "bg-sky-50 dark:bg-sky-400/10" : "")}
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium break-all text-slate-900 dark:text-white">{hit.name}</span>
                  <KindBadge kind={hit.kind} />
                </div>
                <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                  {hit.engineId} · {hit.catalog}.{hit.schema}
                </p>
                <p className="truncate text-xs text-sky-800 dark:text-sky-300">{matchReasons(hit).join(" · ")}</p>
              </div>
              {i === current && <CornerDownLeft aria-hidden className="mt-1 size-4 shrink-0 text-slate-400" />}
            </li>
          ))}
          {q && results.data && !results.data.message && (
            <li
              id={`${listId}-${hits.length}`}
              role="option"
              aria-selected={current === hits.length}
              onMouseMove={() => setActive(hits.length)}
              onClick={() => choose(hits.length)}
              className={cx(
                "flex cursor-pointer items-center gap-2 border-t border-slate-100 px-4 py-3 text-sm font-medium text-sky-700 dark:border-slate-800 dark:text-sky-400",
                current === hits.length && "bg-sky-50 dark:bg-sky-400/10",
              )}
            >
              {hits.length === 0 ? "No dataset found — search with filters" : `See all ${results.data.total}${results.data.totalCapped ? "+" : ""} results with filters`}
              <ArrowRight aria-hidden className="size-4" />
            </li>
          )}
        </ul>
      </div>
    </>
  );
}

"use client";
// Newer / Older through keyset pages (the alert history, the delivery log, Admin › Teams): the cursors of the
// pages behind the one shown are kept, so Newer goes back exactly; page 1 is the live one.
import { useState } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

export function useKeysetPages<C>() {
  const [cursors, setCursors] = useState<C[]>([]);
  return {
    /** The cursor of the page shown; undefined on the first (newest) page. */
    before: cursors.at(-1),
    page: cursors.length + 1,
    older: (next: C) => setCursors((c) => [...c, next]),
    newer: () => setCursors((c) => c.slice(0, -1)),
    newest: () => setCursors([]),
  };
}

export function KeysetPager({
  label,
  page,
  hasOlder,
  busy,
  onOlder,
  onNewer,
  newerLabel = "Newer",
  olderLabel = "Older",
}: {
  label: string;
  /** The steps' names (a list in name order says Previous / Next). */
  newerLabel?: string;
  olderLabel?: string;
  page: number;
  hasOlder: boolean;
  /** The page is still loading (the previous one is shown meanwhile): no step until it is there, or a step would reuse the old page's cursor. */
  busy: boolean;
  onOlder: () => void;
  onNewer: () => void;
}) {
  if (page === 1 && !hasOlder) return null;
  return (
    <nav aria-label={label} aria-busy={busy} className="flex items-center justify-between gap-3 pt-3 text-sm">
      <Button size="sm" onClick={onNewer} disabled={page === 1 || busy}>
        <ChevronLeft aria-hidden className="size-4" /> {newerLabel}
      </Button>
      <span aria-live="polite" className="text-slate-600 tabular-nums dark:text-slate-400">
        Page {page}
      </span>
      <Button size="sm" onClick={onOlder} disabled={!hasOlder || busy}>
        {olderLabel} <ChevronRight aria-hidden className="size-4" />
      </Button>
    </nav>
  );
}

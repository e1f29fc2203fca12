"use client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";

/** "26–50 of 112" with Previous / Next; the range is announced when it changes. */
export function Pagination({ page, pageSize, total, onPageChange, label }: { page: number; pageSize: number; total: number; onPageChange: (page: number) => void; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 text-sm">
      <p aria-live="polite" className="text-slate-600 tabular-nums dark:text-slate-400">
        {total === 0 ? (
          "No results"
        ) : (
          <>
            <span className="font-medium text-slate-900 dark:text-slate-100">
              {from}–{to}
            </span>{" "}
            of <span className="font-medium text-slate-900 dark:text-slate-100">{total}</span>
          </>
        )}
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={() => onPageChange(page - 1)} disabled={page <= 1} aria-label="Previous page">
          <ChevronLeft aria-hidden className="size-4" />
          <span className="hidden sm:inline">Previous</span>
        </Button>
        <Button size="sm" onClick={() => onPageChange(page + 1)} disabled={page >= pages} aria-label="Next page">
          <span className="hidden sm:inline">Next</span>
          <ChevronRight aria-hidden className="size-4" />
        </Button>
      </div>
    </nav>
  );
}

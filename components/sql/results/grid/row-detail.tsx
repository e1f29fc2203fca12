"use client";
// All fields of one row, one under the other: long text wraps, nested values and text that is
// JSON are pretty-printed, NULL is marked. Previous/next walk the grid's rows as shown.
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import type { ResultColumn } from "../../run/types";
import { formatCount } from "../../format";

export function prettyValue(value: unknown): { text: string; json: boolean } | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return { text: JSON.stringify(value, null, 2), json: true };
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      return { text: JSON.stringify(JSON.parse(value) as unknown, null, 2), json: true };
    } catch {
      // not JSON after all: shown as text
    }
  }
  return { text: String(value), json: false };
}

type Props = {
  shownRow: number | null;
  shownRows: number;
  rowNumber: number;
  row: unknown[] | undefined;
  columns: ResultColumn[];
  onMove: (shownRow: number) => void;
  onClose: () => void;
};

export function RowDetail({ shownRow, shownRows, rowNumber, row, columns, onMove, onClose }: Props) {
  const open = shownRow !== null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Row ${formatCount(rowNumber)}`}
      description={`${columns.length} fields`}
      footer={
        open && (
          <>
            <Button size="sm" onClick={() => onMove(shownRow - 1)} disabled={shownRow <= 0} aria-label="Previous row">
              <ChevronLeft aria-hidden className="size-4" />
              Previous
            </Button>
            <Button size="sm" onClick={() => onMove(shownRow + 1)} disabled={shownRow >= shownRows - 1} aria-label="Next row">
              Next
              <ChevronRight aria-hidden className="size-4" />
            </Button>
          </>
        )
      }
    >
      {open && (
        <dl className="max-h-[60vh] space-y-3 overflow-auto pr-1" data-testid="row-detail">
          {columns.map((c, i) => {
            const value = prettyValue(row?.[i]);
            return (
              <div key={i}>
                <dt className="flex items-baseline gap-2 text-xs">
                  <span className="font-semibold text-slate-800 dark:text-slate-200">{c.name}</span>
                  <span className="font-mono text-[10px] text-slate-500 uppercase dark:text-slate-400">{c.type}</span>
                </dt>
                <dd className="mt-0.5">
                  {value === null ? (
                    <span className="rounded bg-slate-100 px-1 font-mono text-[10px] tracking-wide text-slate-500 dark:bg-slate-800 dark:text-slate-400">NULL</span>
                  ) : (
                    <pre className="font-mono text-xs break-words whitespace-pre-wrap text-slate-800 dark:text-slate-200">{value.text}</pre>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </Dialog>
  );
}

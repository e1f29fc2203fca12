"use client";
// The uploads in progress: one row per file with a progress bar, and what can be done with it
// (cancel, replace an existing file, retry). Docked at the bottom so browsing can go on.
import { CircleCheck, CircleX, RefreshCw, Upload, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { Button } from "@/components/ui/button";
import { formatBytes } from "./format";
import type { UploadItem } from "./use-uploads";

type Props = {
  items: UploadItem[];
  /** "bucket raw accepts files up to 5 GB", when known. */
  limitNote: string | null;
  onCancel: (id: string) => void;
  onReplace: (id: string) => void;
  onRetry: (id: string) => void;
  onClear: () => void;
};

export function UploadPanel({ items, limitNote, onCancel, onReplace, onRetry, onClear }: Props) {
  if (items.length === 0) return null;
  const active = items.filter((i) => i.status === "uploading" || i.status === "queued").length;
  return (
    <section
      aria-label="Uploads"
      className="fixed inset-x-2 bottom-2 z-40 max-h-[50vh] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96 dark:border-slate-700 dark:bg-slate-900"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <Upload aria-hidden className="size-4 text-sky-600 dark:text-sky-400" />
        <h2 className="text-sm font-semibold text-slate-900 dark:text-white" aria-live="polite">
          {active ? `Uploading ${active} ${active === 1 ? "file" : "files"}` : "Uploads finished"}
        </h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear} disabled={active === items.length}>
          Clear finished
        </Button>
      </header>
      {limitNote && <p className="border-b border-slate-100 px-4 py-1.5 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">{limitNote}</p>}
      <ul className="max-h-[calc(50vh-3rem)] divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
        {items.map((item) => (
          <UploadRow key={item.id} item={item} onCancel={onCancel} onReplace={onReplace} onRetry={onRetry} />
        ))}
      </ul>
    </section>
  );
}

function UploadRow({ item, onCancel, onReplace, onRetry }: { item: UploadItem } & Pick<Props, "onCancel" | "onReplace" | "onRetry">) {
  const percent = item.total ? Math.min(100, Math.round((item.loaded / item.total) * 100)) : item.status === "done" ? 100 : 0;
  return (
    <li className="px-4 py-3" data-upload-status={item.status}>
      <div className="flex items-center gap-2">
        {item.status === "done" ? (
          <CircleCheck aria-label="Uploaded" className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        ) : item.status === "error" || item.status === "refused" || item.status === "cancelled" ? (
          <CircleX
            aria-label={item.status === "error" ? "Failed" : item.status === "refused" ? "Refused" : "Cancelled"}
            className="size-4 shrink-0 text-red-600 dark:text-red-400"
          />
        ) : null}
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-800 dark:text-slate-100" title={item.key}>
          {item.name}
        </span>
        <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
          {item.status === "uploading" ? `${percent}%` : item.status === "queued" ? "Waiting" : item.status === "cancelled" ? "Cancelled" : formatBytes(item.total)}
        </span>
        {(item.status === "uploading" || item.status === "queued") && (
          <button
            type="button"
            onClick={() => onCancel(item.id)}
            aria-label={`Cancel upload of ${item.name}`}
            className="rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:hover:bg-slate-800 dark:hover:text-slate-200"
          >
            <X aria-hidden className="size-4" />
          </button>
        )}
      </div>
      {(item.status === "uploading" || item.status === "queued" || item.status === "done") && (
        <div
          role="progressbar"
          aria-label={`Upload of ${item.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
        >
          <div className={cx("h-full rounded-full transition-[width]", item.status === "done" ? "bg-emerald-500" : "bg-sky-500")} style={{ width: `${percent}%` }} />
        </div>
      )}
      {item.status === "exists" && (
        <div className="mt-2 flex items-center gap-2 text-xs text-amber-800 dark:text-amber-300">
          <span className="flex-1">{item.error}</span>
          <Button size="sm" onClick={() => onReplace(item.id)}>
            Replace
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onCancel(item.id)}>
            Skip
          </Button>
        </div>
      )}
      {item.status === "refused" && <p className="mt-2 text-xs text-red-700 dark:text-red-300">{item.error}</p>}
      {item.status === "error" && (
        <div className="mt-2 flex items-center gap-2 text-xs text-red-700 dark:text-red-300">
          <span className="flex-1">{item.error}</span>
          <Button size="sm" onClick={() => onRetry(item.id)}>
            <RefreshCw aria-hidden className="size-3.5" />
            Retry
          </Button>
        </div>
      )}
    </li>
  );
}

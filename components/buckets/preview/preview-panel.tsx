"use client";
// The preview of one object, in the form its kind calls for. Each says how much of the file it
// read, so nobody mistakes the first rows for the whole file.
import { useQuery } from "@tanstack/react-query";
import { Download, EyeOff, FileWarning, LoaderCircle } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryError } from "@/components/ui/query-error";
import { useTRPC } from "@/components/trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { formatBytes, formatCount } from "../format";
import { downloadHref } from "../paths";
import { DataTable } from "./data-table";

type PreviewOutput = RouterOutputs["buckets"]["preview"];

export function PreviewPanel({ bucket, objectKey, name, size }: { bucket: string; objectKey: string; name: string; size: number }) {
  const api = useTRPC().buckets;
  const preview = useQuery(api.preview.queryOptions({ bucket, key: objectKey }, { staleTime: 60_000 }));
  if (preview.isError) return <QueryError error={preview.error} onRetry={() => void preview.refetch()} compact />;
  if (!preview.data) {
    return (
      <div className="flex items-center gap-2 py-10 text-sm text-slate-500 dark:text-slate-400" role="status">
        <LoaderCircle aria-hidden className="size-4 animate-spin" /> Reading the start of the file…
      </div>
    );
  }
  return <PreviewBody preview={preview.data} bucket={bucket} objectKey={objectKey} name={name} size={size} />;
}

function PreviewBody({ preview, bucket, objectKey, name, size }: { preview: PreviewOutput; bucket: string; objectKey: string; name: string; size: number }) {
  switch (preview.kind) {
    case "parquet":
      return (
        <div className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {formatCount(preview.numRows, "row")} · {formatCount(preview.columns.length, "column")} · {formatCount(preview.rowGroups, "row group")} ·{" "}
            {preview.compression.join(", ")}
            {preview.createdBy ? ` · written by ${preview.createdBy}` : ""}
          </p>
          <details open className="group">
            <summary className="cursor-pointer text-sm font-semibold text-slate-900 dark:text-white">Schema</summary>
            <ul className="mt-2 grid gap-x-6 gap-y-1 font-mono text-xs sm:grid-cols-2 lg:grid-cols-3" aria-label="Schema">
              {preview.columns.map((c) => (
                <li key={c.name} className="flex gap-2">
                  <span className="font-semibold text-slate-800 dark:text-slate-100">{c.name}</span>
                  <span className="text-sky-700 dark:text-sky-300">{c.type}</span>
                  {!c.nullable && <span className="text-slate-400">not null</span>}
                </li>
              ))}
            </ul>
          </details>
          {preview.rowsError ? (
            <Alert tone="info">{preview.rowsError}</Alert>
          ) : (
            <DataTable label={`First rows of ${name}`} columns={preview.columns.map((c) => c.name)} types={preview.columns.map((c) => c.type)} rows={preview.rows} />
          )}
          <ReadNote>
            First {formatCount(preview.rows.length, "row")}. Read {formatBytes(preview.bytesRead)} of {formatBytes(size)} in {formatCount(preview.requests, "range request")}; the
            file was not downloaded.
          </ReadNote>
        </div>
      );
    case "table":
      return (
        <div className="space-y-3">
          {preview.columns.length === 0 ? (
            <EmptyState icon={FileWarning} title="No rows to show">
              The start of this file holds no complete row.
            </EmptyState>
          ) : (
            <DataTable label={`First rows of ${name}`} columns={preview.columns} rows={preview.rows} />
          )}
          <ReadNote>
            {preview.truncated
              ? `First ${formatCount(preview.rows.length, "row")}, from the first ${formatBytes(preview.bytesRead)} of ${formatBytes(size)}.`
              : `All ${formatCount(preview.rows.length, "row")}.`}
            {preview.problems > 0 && ` ${formatCount(preview.problems, "line")} could not be read as ${preview.format === "ndjson" ? "JSON" : "a row of this table"}.`}
          </ReadNote>
        </div>
      );
    case "json":
      return (
        <div className="space-y-3">
          {preview.error && <Alert tone="error">{preview.error}</Alert>}
          <Pre text={preview.text} />
          <ReadNote>
            {preview.parsed
              ? preview.truncated
                ? "Formatted; the end is cut off."
                : "The whole document, formatted."
              : preview.error
                ? "The raw text, as stored."
                : `Too large to format: the first ${formatBytes(preview.bytesRead)} of ${formatBytes(size)}, as stored.`}
          </ReadNote>
        </div>
      );
    case "text":
      return preview.binary ? (
        <NoPreview bucket={bucket} objectKey={objectKey} reason="This file holds binary data, not text." />
      ) : (
        <div className="space-y-3">
          <Pre text={preview.text} />
          <ReadNote>{preview.truncated ? `The first ${formatBytes(preview.bytesRead)} of ${formatBytes(size)}.` : "The whole file."}</ReadNote>
        </div>
      );
    case "image":
      return (
        // eslint-disable-next-line @next/next/no-img-element -- a signed, short-lived URL; next/image would proxy it
        <img
          src={preview.url}
          alt={name}
          className="max-h-[70vh] max-w-full rounded-lg border border-slate-200 bg-[repeating-conic-gradient(#f1f5f9_0_25%,#fff_0_50%)] bg-[length:16px_16px] object-contain dark:border-slate-800"
        />
      );
    case "none":
      return <NoPreview bucket={bucket} objectKey={objectKey} reason={preview.reason} />;
  }
}

function Pre({ text }: { text: string }) {
  return (
    <pre className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200">
      {text || <span className="text-slate-400 italic">(empty)</span>}
    </pre>
  );
}

function ReadNote({ children }: { children: React.ReactNode }) {
  return <p className="text-xs text-slate-500 dark:text-slate-400">{children}</p>;
}

function NoPreview({ bucket, objectKey, reason }: { bucket: string; objectKey: string; reason: string }) {
  return (
    <EmptyState
      icon={EyeOff}
      title="No preview"
      action={
        <a href={downloadHref(bucket, objectKey)} className={buttonClasses()}>
          <Download aria-hidden className="size-4" />
          Download
        </a>
      }
    >
      {reason}
    </EmptyState>
  );
}

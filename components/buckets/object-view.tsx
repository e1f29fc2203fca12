"use client";
// One object: its details (size, dates, ETag, type, user metadata), actions (download, query in
// the SQL workbench, delete) and a preview read with range requests.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { DatabaseZap, Download, Trash2 } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { ClientTime } from "./client-time";
import { QueryError } from "@/components/ui/query-error";
import { useTRPC } from "@/components/trpc/react";
import { Breadcrumbs } from "./breadcrumbs";
import { DeleteDialog } from "./delete-dialog";
import { formatBytes } from "./format";
import { downloadHref, folderHref } from "./paths";
import { PreviewPanel } from "./preview/preview-panel";

export function ObjectView({ bucket, objectKey }: { bucket: string; objectKey: string }) {
  const api = useTRPC().buckets;
  const router = useRouter();
  const info = useQuery(api.object.queryOptions({ bucket, key: objectKey }));
  const [deleting, setDeleting] = useState(false);
  const parent = objectKey.slice(0, objectKey.lastIndexOf("/") + 1);

  if (!info.data) {
    return info.isError ? <QueryError error={info.error} onRetry={() => void info.refetch()} /> : null;
  }
  const o = info.data;
  const metadata = Object.entries(o.metadata);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Breadcrumbs bucket={bucket} prefix={parent} objectName={o.name} />
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="mr-auto min-w-0 text-2xl font-semibold tracking-tight break-all text-slate-900 dark:text-white">{o.name}</h1>
          <a href={downloadHref(bucket, o.key)} className={buttonClasses({ variant: "primary" })}>
            <Download aria-hidden className="size-4" />
            Download
          </a>
          {o.query && (
            <Link href={o.query.href} className={buttonClasses()} title={o.query.sql}>
              <DatabaseZap aria-hidden className="size-4" />
              Query this file
            </Link>
          )}
          {o.canWrite && (
            <Button variant="danger" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden className="size-4" />
              Delete
            </Button>
          )}
        </div>
      </div>

      <section aria-labelledby="details-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="details-heading" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Detail label="Size">
            {formatBytes(o.size)} <span className="text-slate-500 dark:text-slate-400">({o.size.toLocaleString("en-US")} bytes)</span>
          </Detail>
          <Detail label="Last modified">
            <ClientTime value={o.lastModified} format="precise" />
          </Detail>
          <Detail label="Content type">
            <span className="font-mono">{o.contentType}</span>
          </Detail>
          <Detail label="ETag">
            <span className="font-mono break-all">{o.etag ?? "—"}</span>
          </Detail>
          <Detail label="Location" wide>
            <span className="font-mono break-all select-all">{o.url}</span>
          </Detail>
          {metadata.length > 0 && (
            <Detail label="User metadata" wide>
              <ul className="space-y-0.5 font-mono text-xs">
                {metadata.map(([k, v]) => (
                  <li key={k}>
                    <span className="text-slate-500 dark:text-slate-400">{k}:</span> {v}
                  </li>
                ))}
              </ul>
            </Detail>
          )}
        </dl>
      </section>

      <section aria-labelledby="preview-heading" className="space-y-3">
        <h2 id="preview-heading" className="text-lg font-semibold text-slate-900 dark:text-white">
          Preview
        </h2>
        <PreviewPanel bucket={bucket} objectKey={o.key} name={o.name} size={o.size} />
      </section>

      <DeleteDialog
        bucket={bucket}
        target={deleting ? { keys: [o.key], prefixes: [] } : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => router.push(folderHref(bucket, parent))}
      />
    </div>
  );
}

function Detail({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "min-w-0 sm:col-span-2 lg:col-span-3" : "min-w-0"}>
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

// Buckets › raw › flights › 2024: every step is a link, so any level is one click (and one
// shareable URL) away. Long trails scroll sideways instead of wrapping on phones.
import Link from "next/link";
import { ChevronRight, Database } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { crumbsOf, folderHref } from "./paths";

export function Breadcrumbs({ bucket, prefix, objectName }: { bucket: string; prefix: string; objectName?: string }) {
  const crumbs = crumbsOf(prefix);
  const link = cx("rounded px-1 py-0.5 text-slate-600 hover:text-slate-900 hover:underline dark:text-slate-400 dark:hover:text-white", focusRing);
  const last = objectName === undefined ? crumbs.length - 1 : -2; // index of the current folder, if it is the page
  return (
    <nav aria-label="Breadcrumb" className="-mx-1 overflow-x-auto">
      <ol className="flex items-center gap-0.5 text-sm whitespace-nowrap">
        <li>
          <Link href="/buckets" className={cx(link, "inline-flex items-center gap-1")}>
            <Database aria-hidden className="size-3.5" />
            Buckets
          </Link>
        </li>
        <Separator />
        <li>
          {crumbs.length === 0 && objectName === undefined ? (
            <span aria-current="page" className="px-1 font-semibold text-slate-900 dark:text-white">
              {bucket}
            </span>
          ) : (
            <Link href={folderHref(bucket, "")} className={cx(link, "font-medium")}>
              {bucket}
            </Link>
          )}
        </li>
        {crumbs.map((crumb, i) => (
          <li key={crumb.prefix} className="flex items-center gap-0.5">
            <Separator />
            {i === last ? (
              <span aria-current="page" className="px-1 font-semibold text-slate-900 dark:text-white">
                {crumb.name}
              </span>
            ) : (
              <Link href={folderHref(bucket, crumb.prefix)} className={link}>
                {crumb.name}
              </Link>
            )}
          </li>
        ))}
        {objectName !== undefined && (
          <li className="flex items-center gap-0.5">
            <Separator />
            <span aria-current="page" className="px-1 font-semibold text-slate-900 dark:text-white">
              {objectName}
            </span>
          </li>
        )}
      </ol>
    </nav>
  );
}

function Separator() {
  return <ChevronRight aria-hidden className="size-3.5 shrink-0 text-slate-400 dark:text-slate-600" />;
}

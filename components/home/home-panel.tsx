// The frame of one home page list: a titled card, its explanation, and either rows, a teaching
// empty state or (while the lists load) grey rows of the same height.
import Link from "next/link";
import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { ArrowRight } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { buttonClasses, focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

export function HomePanel({
  id,
  title,
  icon: Icon,
  description,
  more,
  className,
  children,
}: {
  id: string;
  title: string;
  icon: LucideIcon;
  description?: ReactNode;
  /** A link to the full list (the catalog, the history). */
  more?: { href: string; label: string };
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={cx("flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900", className)}>
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3 dark:border-slate-800">
        <div className="min-w-0">
          <h2 id={id} className="flex items-center gap-2 text-base font-semibold text-slate-900 dark:text-white">
            <Icon aria-hidden className="size-4 shrink-0 text-sky-600 dark:text-sky-400" />
            {title}
          </h2>
          {description && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>}
        </div>
        {more && (
          <Link href={more.href} className={cx("flex shrink-0 items-center gap-1 rounded text-sm font-medium text-sky-700 hover:underline dark:text-sky-400", focusRing)}>
            {more.label}
            <ArrowRight aria-hidden className="size-3.5" />
          </Link>
        )}
      </div>
      {children}
    </section>
  );
}

/** A list row's link: the whole row is the target, with an inset focus ring for keyboards. */
export const rowLink = cx(
  "group flex items-start gap-3 rounded-lg px-2.5 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/60",
  "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400",
);

/** What an empty list is for, and where to start filling it. */
export function PanelEmpty({ icon: Icon, children, action }: { icon: LucideIcon; children: ReactNode; action: { href: string; label: string } }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 px-6 py-8 text-center">
      <span className="flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <Icon aria-hidden className="size-5" />
      </span>
      <p className="max-w-xs text-sm text-slate-600 dark:text-slate-400">{children}</p>
      <Link href={action.href} className={buttonClasses({ variant: "primary", size: "sm" })}>
        {action.label}
        <ArrowRight aria-hidden className="size-4" />
      </Link>
    </div>
  );
}

/** Grey rows in place of a list that is still loading. */
export function PanelSkeleton({ label, rows }: { label: string; rows: number }) {
  return (
    <div className="space-y-1 p-1.5" aria-busy aria-label={label} role="status">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-start gap-3 px-2.5 py-2">
          <Skeleton className="size-8 shrink-0 rounded-lg" />
          <div className="flex-1 space-y-1.5">
            <Skeleton className="h-4 w-2/5" />
            <Skeleton className="h-3 w-3/5" />
          </div>
        </div>
      ))}
    </div>
  );
}

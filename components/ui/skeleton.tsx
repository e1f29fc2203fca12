import { cx } from "@/components/lib/cx";

export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden className={cx("block animate-pulse rounded bg-slate-200 dark:bg-slate-800", className)} />;
}

import { cx } from "@/components/lib/cx";

export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden className={cx("block animate-pulse rounded bg-slate-200 dark:bg-slate-800", className)} />;
}

/** A list still loading: `rows` grey bars of one height (a class, e.g. "h-10"), named by `label`. */
export function SkeletonRows({ label, rows, height }: { label: string; rows: number; height: string }) {
  return (
    <div className="space-y-3 p-4" aria-busy aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={height} />
      ))}
    </div>
  );
}

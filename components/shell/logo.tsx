import { cx } from "@/components/lib/cx";

/** The product mark: a lake (waves) under a roof line, drawn inline so nothing is fetched. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <span aria-hidden className={cx("inline-flex size-8 items-center justify-center rounded-lg bg-gradient-to-br from-sky-500 to-indigo-600 text-white shadow-sm", className)}>
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="size-[62%]">
        <path d="M3 10.5 12 4l9 6.5" />
        <path d="M3 15c1.5 0 1.5-1 3-1s1.5 1 3 1 1.5-1 3-1 1.5 1 3 1 1.5-1 3-1 1.5 1 3 1" />
        <path d="M3 19.5c1.5 0 1.5-1 3-1s1.5 1 3 1 1.5-1 3-1 1.5 1 3 1 1.5-1 3-1 1.5 1 3 1" />
      </svg>
    </span>
  );
}

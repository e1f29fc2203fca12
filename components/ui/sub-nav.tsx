"use client";
// A section's own navigation (Admin: users, audit log; SQL: editor, history, saved): a row of
// links with icons, the current page marked by aria-current so both screen readers and the
// styles see it. Each section keeps its own look, hence the two variants.
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { NavLinks, type NavLinkItem } from "./nav-links";

// Items carry components (their icons), which cannot be passed from the server: declare them in
// a client module.
export type SubNavItem = NavLinkItem;

type Variant = "tabs" | "segmented";

const STYLES: Record<Variant, { nav: string; list: string; link: string; active: string; idle: string }> = {
  // Underlined tabs on a rule, scrolling sideways on a narrow screen.
  tabs: {
    nav: "border-b border-slate-200 dark:border-slate-800",
    list: "-mb-px flex gap-4 overflow-x-auto",
    link: "flex items-center gap-2 rounded-t-md border-b-2 px-1 pt-1 pb-2.5 text-sm font-medium whitespace-nowrap",
    active: "border-sky-600 text-slate-900 dark:border-sky-400 dark:text-white",
    idle: "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-white",
  },
  // A segmented control, beside whatever leads the nav (a title) and wrapping below it when narrow.
  segmented: {
    nav: "flex flex-wrap items-center justify-between gap-x-4 gap-y-2",
    list: "flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-900",
    link: "flex h-7 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium",
    active: "bg-white text-slate-900 shadow-sm dark:bg-slate-800 dark:text-white",
    idle: "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
  },
};

export function SubNav({
  label,
  items,
  variant = "tabs",
  children,
}: {
  /** The nav's accessible name ("Admin"), which tests and screen readers find it by. */
  label: string;
  items: SubNavItem[];
  variant?: Variant;
  /** Shown inside the nav before the links, e.g. the section's title. */
  children?: ReactNode;
}) {
  // Null outside the App Router's page tree; then no link is current.
  const pathname = usePathname() ?? "";
  const styles = STYLES[variant];
  return (
    <nav aria-label={label} className={styles.nav}>
      {children}
      <ul className={styles.list}>
        <NavLinks items={items} pathname={pathname} look={styles} />
      </ul>
    </nav>
  );
}

"use client";
// The SQL section's own navigation: the editor, the run history and the saved queries.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Bookmark, History, SquareTerminal } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";

const LINKS = [
  { href: "/sql", label: "Editor", icon: SquareTerminal },
  { href: "/sql/history", label: "History", icon: History },
  { href: "/sql/saved", label: "Saved", icon: Bookmark },
];

export function SqlNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="SQL workbench" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <h1 className="text-lg font-semibold tracking-tight text-slate-900 dark:text-white">SQL workbench</h1>
      <ul className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-900">
        {LINKS.map(({ href, label, icon: Icon }) => {
          const active = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "flex h-7 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium",
                  focusRing,
                  active ? "bg-white text-slate-900 shadow-sm dark:bg-slate-800 dark:text-white" : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
                )}
              >
                <Icon aria-hidden className="size-4" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

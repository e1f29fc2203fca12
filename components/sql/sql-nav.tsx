"use client";
// The SQL section's own navigation: the editor, the run history and the saved queries.
import { Bookmark, History, SquareTerminal } from "lucide-react";
import { SubNav, type SubNavItem } from "@/components/ui/sub-nav";

const LINKS: SubNavItem[] = [
  // Exact: every other page of the section lies under /sql too.
  { href: "/sql", label: "Editor", icon: SquareTerminal, exact: true },
  { href: "/sql/history", label: "History", icon: History },
  { href: "/sql/saved", label: "Saved", icon: Bookmark },
];

export function SqlNav() {
  return (
    <SubNav label="SQL workbench" items={LINKS} variant="segmented">
      <h1 className="text-lg font-semibold tracking-tight text-slate-900 dark:text-white">SQL workbench</h1>
    </SubNav>
  );
}

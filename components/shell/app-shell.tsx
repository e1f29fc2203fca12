"use client";
// The frame of every signed-in page: header with product name, section navigation (in the bar
// from lg up, a second row below it; in both, items that do not fit go into "More") and the
// account menu.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMemo, type ReactNode } from "react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { LogoMark } from "./logo";
import { navItemsFor } from "./navigation";
import type { NavLinkLook } from "@/components/ui/nav-links";
import { OverflowNav } from "./overflow-nav";
import { UserMenu } from "./user-menu";
import { SearchPalette } from "@/components/catalog/search-palette";
import type { ShellUser } from "./types";

// The main navigation's look: in the header bar from lg up, in a second row below it on smaller screens.
const MAIN_LINK = "flex items-center gap-2 rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors";
const MAIN_STATES = {
  active: "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white",
  idle: "text-slate-600 hover:bg-slate-50 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800/60 dark:hover:text-white",
};
const IN_BAR: NavLinkLook = { link: `${MAIN_LINK} h-9`, ...MAIN_STATES };
const IN_ROW: NavLinkLook = { link: `${MAIN_LINK} h-9`, ...MAIN_STATES };

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const pathname = usePathname() ?? "/";
  // One array per role: the navigation re-measures only when its items change.
  const items = useMemo(() => navItemsFor(user.role), [user.role]);

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 dark:bg-slate-900 dark:text-white"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75 dark:border-slate-800 dark:bg-slate-950/90 dark:supports-[backdrop-filter]:bg-slate-950/75">
        <div className="mx-auto flex h-14 max-w-7xl 2xl:max-w-[88rem] items-center gap-4 px-4 sm:px-6">
          <Link href="/" className={cx("flex items-center gap-2.5 rounded-md", focusRing)}>
            <LogoMark />
            <span className="text-[15px] font-semibold tracking-tight text-slate-900 dark:text-white">Lakehouse Portal</span>
          </Link>
          <OverflowNav items={items} pathname={pathname} look={IN_BAR} className="hidden flex-1 lg:block" rowClassName="pl-4" />
          <div className="ml-auto flex items-center gap-2 lg:ml-0">
            <SearchPalette />
            <UserMenu user={user} />
          </div>
        </div>
        <OverflowNav
          items={items}
          pathname={pathname}
          look={IN_ROW}
          className="border-t border-slate-200 lg:hidden dark:border-slate-800"
          rowClassName="mx-auto max-w-7xl px-3 py-1 sm:px-5"
        />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl 2xl:max-w-[88rem] flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}

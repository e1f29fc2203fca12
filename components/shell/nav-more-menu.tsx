"use client";
// "More": the navigation items that do not fit the row, as a disclosure (a button and a list of
// links, the pattern for site navigation; role="menu" is for application commands). Keyboard:
// Enter/Space toggles, ArrowDown opens and moves into the list, ArrowUp/ArrowDown/Home/End move
// between its links, Escape closes and returns focus to the button; tabbing out, a click
// outside or following a link closes it. The button looks current when the page is in the list.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ChevronDown } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { NavLinks, type NavLinkLook } from "@/components/ui/nav-links";
import type { NavItem } from "./navigation";

/** The button's content, shared with the invisible copy that measures it. */
export function MoreButtonFace() {
  return (
    <>
      More
      <ChevronDown aria-hidden className="size-4" />
    </>
  );
}

const PANEL_LINK: NavLinkLook = {
  link: "flex h-10 w-full items-center gap-2.5 rounded-md px-3 text-sm font-medium",
  active: "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white",
  idle: "text-slate-700 hover:bg-slate-50 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800/60 dark:hover:text-white",
};

export function NavMoreMenu({ items, pathname, look, active }: { items: readonly NavItem[]; pathname: string; look: NavLinkLook; active: boolean }) {
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // Following a link (a new page) closes the menu.
  if (open && openedOn !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const links = () => Array.from(panelRef.current?.querySelectorAll<HTMLAnchorElement>("a[href]") ?? []);
  const focusLink = (index: number) => {
    const all = links();
    all[(index + all.length) % all.length]?.focus();
  };
  const show = (then?: () => void) => {
    setOpenedOn(pathname);
    setOpen(true);
    // The panel renders on the next frame; move focus once it is there.
    if (then) requestAnimationFrame(then);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onButtonKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      show(() => focusLink(0));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      show(() => focusLink(-1));
    } else if (e.key === "Escape" && open) close(true);
  };
  const onPanelKeyDown = (e: KeyboardEvent) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      focusLink(moves[e.key]!);
    } else if (e.key === "Escape") {
      e.preventDefault();
      close(true);
    }
  };

  return (
    <div
      onBlur={(e) => {
        // Tabbing out of the button and the list closes it.
        if (open && e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={onButtonKeyDown}
        title={active ? "More sections (the current page is one of them)" : "More sections"}
        className={cx(look.link, focusRing, active || open ? look.active : look.idle)}
      >
        <MoreButtonFace />
      </button>
      <div
        ref={panelRef}
        id={panelId}
        hidden={!open}
        onKeyDown={onPanelKeyDown}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a[href]")) setOpen(false);
        }}
        className="absolute top-full right-2 z-40 mt-1 w-56 max-w-[calc(100vw-1rem)] rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <ul aria-label="More sections" className="space-y-0.5">
          <NavLinks items={items} pathname={pathname} look={PANEL_LINK} />
        </ul>
      </div>
    </div>
  );
}

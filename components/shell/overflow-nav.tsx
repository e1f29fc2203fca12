"use client";
// The main navigation as one row that never scrolls or wraps: the items that fit are shown, the
// rest are behind "More" (nav-more-menu.tsx). What fits is measured from an invisible copy of the
// row (every item at its natural width) whenever the row or the copy changes size — a narrower
// window, a web font arriving — and decided by fitNavItems.
//
// Before the first measurement (the server's HTML, before hydration) every item is rendered and
// the row is clipped (overflow-x: clip, so the page itself never grows sideways and the menu
// panel can still hang below the row).
import { useLayoutEffect, useRef, useState } from "react";
import { cx } from "@/components/lib/cx";
import { NavLinks, type NavLinkLook } from "@/components/ui/nav-links";
import { isActive, type NavItem } from "./navigation";
import { fitNavItems } from "./nav-fit";
import { NavMoreMenu, MoreButtonFace } from "./nav-more-menu";

type Props = {
  items: readonly NavItem[];
  pathname: string;
  look: NavLinkLook;
  /** The <nav>'s own classes (visibility per breakpoint, flex sizing, borders). */
  className?: string;
  /** The row's classes (padding, centring). */
  rowClassName?: string;
};

export function OverflowNav({ items, pathname, look, className, rowClassName }: Props) {
  const rowRef = useRef<HTMLUListElement>(null);
  const measureRef = useRef<HTMLUListElement>(null);
  const [shown, setShown] = useState(items.length);

  useLayoutEffect(() => {
    const row = rowRef.current;
    const measure = measureRef.current;
    if (!row || !measure) return;
    const update = () => {
      if (row.clientWidth === 0) return; // display: none at this breakpoint: nothing to decide
      const itemWidths = Array.from(measure.querySelectorAll<HTMLElement>("[data-nav-item]"), (el) => el.getBoundingClientRect().width);
      const moreWidth = measure.querySelector<HTMLElement>("[data-nav-more]")?.getBoundingClientRect().width ?? 0;
      const style = getComputedStyle(row);
      const available = row.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const gap = parseFloat(getComputedStyle(measure).columnGap) || 0;
      setShown(fitNavItems({ itemWidths, moreWidth, gap, available }));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(row);
    observer.observe(measure);
    return () => observer.disconnect();
  }, [items]);

  const visible = items.slice(0, shown);
  const overflow = items.slice(shown);
  return (
    <nav aria-label="Main" className={cx("relative min-w-0 [overflow-x:clip]", className)}>
      <ul ref={rowRef} className={cx("flex items-center gap-1", rowClassName)}>
        <NavLinks items={visible} pathname={pathname} look={look} />
        {overflow.length > 0 && (
          <li className="shrink-0">
            <NavMoreMenu items={overflow} pathname={pathname} look={look} active={overflow.some((item) => isActive(item, pathname))} />
          </li>
        )}
      </ul>
      {/* The measuring copy: every item plus the More button, invisible and out of the tab order. */}
      <ul ref={measureRef} aria-hidden inert className="invisible absolute top-0 left-0 flex h-0 gap-1 overflow-hidden">
        {items.map((item) => {
          const Icon = item.icon;
          return (
            <li key={item.href} data-nav-item className={cx(look.link, "shrink-0")}>
              <Icon aria-hidden className="size-4" />
              {item.label}
            </li>
          );
        })}
        <li data-nav-more className={cx(look.link, "shrink-0")}>
          <MoreButtonFace />
        </li>
      </ul>
    </nav>
  );
}

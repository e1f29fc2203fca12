"use client";
// The links of a navigation list (the header's main navigation, a section's sub-navigation):
// icon and label, the current page marked by aria-current so screen readers and styles agree.
// Each navigation brings its own look.
import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { isActive } from "@/components/shell/navigation";

export type NavLinkItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Match only this exact path, for a section's index page whose path prefixes the others'. */
  exact?: boolean;
};

export type NavLinkLook = { link: string; active: string; idle: string };

/** The <li> items of a navigation list; put them in the list element of your layout. */
export function NavLinks({ items, pathname, look }: { items: readonly NavLinkItem[]; pathname: string; look: NavLinkLook }) {
  return items.map((item) => {
    const active = isActive(item, pathname);
    const Icon = item.icon;
    return (
      <li key={item.href}>
        <Link href={item.href} aria-current={active ? "page" : undefined} className={cx(look.link, focusRing, active ? look.active : look.idle)}>
          <Icon aria-hidden className="size-4" />
          {item.label}
        </Link>
      </li>
    );
  });
}

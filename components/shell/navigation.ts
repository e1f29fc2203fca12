// The portal's sections. Adding one (catalog, SQL workbench, buckets, …) is one entry here: the
// header, the mobile navigation and the home page all read this list.
import { Database, FolderOpen, House, Network, ShieldCheck, SquareTerminal, Workflow, type LucideIcon } from "lucide-react";
import { hasRole, type Role } from "@/lib/auth/roles";

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** One line for the home page's section cards. */
  description: string;
  /** The least role that may see the section; everyone signed in if absent. */
  role?: Role;
  /** Match only this exact path (for "/"), not everything under it. */
  exact?: boolean;
  /** Pages inside the section, for its sub-navigation and the home page. */
  subsections?: { href: string; label: string }[];
};

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Home", icon: House, exact: true, description: "Your overview of the portal." },
  { href: "/catalog", label: "Catalog", icon: Database, description: "Find datasets by name, column, owner or tag, and see what they hold." },
  {
    href: "/sql",
    label: "SQL",
    icon: SquareTerminal,
    description: "Query the lakehouse in the SQL workbench and download the results.",
    subsections: [
      { href: "/sql", label: "Workbench" },
      { href: "/sql/saved", label: "Saved queries" },
      { href: "/sql/history", label: "History" },
    ],
  },
  {
    href: "/pipelines",
    label: "Pipelines",
    icon: Workflow,
    description: "Watch every orchestrator's runs in one place: states, durations, failures and their timeline.",
    subsections: [
      { href: "/pipelines", label: "Pipelines" },
      { href: "/pipelines/runs", label: "Runs" },
      { href: "/pipelines/alerts", label: "Alerts" },
    ],
  },
  { href: "/lineage", label: "Lineage", icon: Network, description: "See where a table comes from and what depends on it, now or as of a past time." },
  { href: "/buckets", label: "Buckets", icon: FolderOpen, description: "Browse, preview and download files in object storage." },
  {
    href: "/admin",
    label: "Admin",
    icon: ShieldCheck,
    role: "admin",
    description: "Manage users and roles, and review the audit log.",
    subsections: [
      { href: "/admin/users", label: "Users" },
      { href: "/admin/audit", label: "Audit log" },
      { href: "/admin/sso", label: "Single sign-on" },
      { href: "/admin/connections", label: "Connections" },
    ],
  },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.role || hasRole(role, item.role));
}

export function isActive(item: Pick<NavItem, "href" | "exact">, pathname: string): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

"use client";
// The admin section's own navigation: the users and the audit log.
import { ScrollText, Users } from "lucide-react";
import { SubNav, type SubNavItem } from "@/components/ui/sub-nav";

const TABS: SubNavItem[] = [
  { href: "/admin/users", label: "Users", icon: Users },
  { href: "/admin/audit", label: "Audit log", icon: ScrollText },
];

export function AdminNav() {
  return <SubNav label="Admin" items={TABS} />;
}

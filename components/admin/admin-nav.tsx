"use client";
// The admin section's own navigation: the users, the audit log and everyone's API tokens.
import { Cable, Fingerprint, KeyRound, ScrollText, Settings, Users, UsersRound } from "lucide-react";
import { SubNav, type SubNavItem } from "@/components/ui/sub-nav";

const TABS: SubNavItem[] = [
  { href: "/admin/users", label: "Users", icon: Users },
  { href: "/admin/audit", label: "Audit log", icon: ScrollText },
  { href: "/admin/tokens", label: "API tokens", icon: KeyRound },
  { href: "/admin/sso", label: "Single sign-on", icon: Fingerprint },
  { href: "/admin/connections", label: "Connections", icon: Cable },
  { href: "/admin/settings", label: "Settings", icon: Settings },
  { href: "/admin/teams", label: "Teams", icon: UsersRound },
];

export function AdminNav() {
  return <SubNav label="Admin" items={TABS} />;
}

"use client";
// The Pipelines section's own navigation: pipelines, runs and (issue 13's alerts) alerts.
import { Bell, ListOrdered, Workflow } from "lucide-react";
import type { ReactNode } from "react";
import { SubNav, type SubNavItem } from "@/components/ui/sub-nav";

const LINKS: SubNavItem[] = [
  // Exact: the other pages of the section lie under /pipelines too.
  { href: "/pipelines", label: "Pipelines", icon: Workflow, exact: true },
  { href: "/pipelines/runs", label: "Runs", icon: ListOrdered },
  { href: "/pipelines/alerts", label: "Alerts", icon: Bell },
];

export function PipelinesNav({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="space-y-1">
      <SubNav label="Pipelines" items={LINKS} variant="segmented">
        <h1 className="min-w-0 text-lg font-semibold tracking-tight break-words text-slate-900 dark:text-white">{title}</h1>
      </SubNav>
      {children}
    </div>
  );
}

import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { cx } from "@/components/lib/cx";
import type { Role } from "@/lib/auth/roles";

type Tone = "slate" | "sky" | "violet" | "emerald" | "red" | "amber";

const TONES: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-400/20",
  sky: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/20 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/30",
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  red: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/30",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
};

export function Badge({
  tone = "slate",
  icon: Icon,
  dot = false,
  children,
  className,
}: {
  tone?: Tone;
  /** Leads the label; decorative, as the label says it all. */
  icon?: LucideIcon;
  /** A dot in the tone's colour leads the label: the look of a state (active, failed, …). */
  dot?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span className={cx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", TONES[tone], className)}>
      {dot && <span aria-hidden className="size-1.5 rounded-full bg-current" />}
      {Icon && <Icon aria-hidden className="size-3" />}
      {children}
    </span>
  );
}

const ROLE_TONES: Record<Role, Tone> = { admin: "violet", editor: "sky", viewer: "slate" };

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", editor: "Editor", viewer: "Viewer" };

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge tone={ROLE_TONES[role]} className={className}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  return disabled ? (
    <Badge tone="red" dot>
      Disabled
    </Badge>
  ) : (
    <Badge tone="emerald" dot>
      Active
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const tone: Tone = outcome === "success" ? "emerald" : outcome === "failure" ? "red" : outcome === "denied" ? "amber" : "slate";
  return (
    <Badge tone={tone} dot>
      {outcome}
    </Badge>
  );
}

"use client";
// The quiet line at the end of the tab bar that says where the tabs are kept: on the account,
// being saved, or only in this browser (offline, or refused by a limit — the reason in full).
import { CloudAlert, CloudCheck, CloudOff, CloudUpload } from "lucide-react";
import { cx } from "@/components/lib/cx";
import type { SyncStatus } from "./tabs-sync";

const LOOK = {
  saved: { Icon: CloudCheck, text: "Saved to your account", tone: "text-slate-500 dark:text-slate-400" },
  saving: { Icon: CloudUpload, text: "Saving…", tone: "text-slate-500 dark:text-slate-400" },
  offline: { Icon: CloudOff, text: "Offline — kept in this browser", tone: "text-amber-700 dark:text-amber-400" },
  refused: { Icon: CloudAlert, text: "Not saved to your account", tone: "text-red-700 dark:text-red-400" },
} as const;

export function SyncStatusLine({ status }: { status: SyncStatus }) {
  const { Icon, text, tone } = LOOK[status.state];
  const full = "message" in status ? status.message : text;
  return (
    <p
      role="status"
      data-testid="tabs-sync-status"
      data-state={status.state}
      title={full}
      className={cx("mb-2 ml-auto flex shrink-0 items-center gap-1 pl-2 text-xs sm:min-w-0 sm:shrink", tone)}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {/* Phones show the icon only; the words stay for screen readers. */}
      <span className="sr-only truncate sm:not-sr-only">{status.state === "offline" ? text : full}</span>
    </p>
  );
}

import type { ReactNode } from "react";
import { CircleAlert, CircleCheck, Info, X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "./button";

type Tone = "error" | "success" | "info";

const STYLES: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200",
  info: "border-sky-200 bg-sky-50 text-sky-800 dark:border-sky-900/60 dark:bg-sky-950/40 dark:text-sky-200",
};

const ICONS = { error: CircleAlert, success: CircleCheck, info: Info };

/**
 * A message box. Errors use role="alert" (announced at once), others role="status".
 * Pass `onDismiss` to show a close button.
 */
export function Alert({
  tone = "info",
  title,
  children,
  onDismiss,
  className,
  action,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  onDismiss?: () => void;
  className?: string;
  action?: ReactNode;
}) {
  const Icon = ICONS[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cx("flex items-start gap-3 rounded-lg border px-3.5 py-3 text-sm", STYLES[tone], className)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className="break-words">{children}</div>}
        {action}
      </div>
      {onDismiss && (
        <button type="button" onClick={onDismiss} aria-label="Dismiss message" className={cx("-m-1 rounded p-1 opacity-70 hover:opacity-100", focusRing)}>
          <X aria-hidden className="size-4" />
        </button>
      )}
    </div>
  );
}

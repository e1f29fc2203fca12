"use client";
// Modal dialogs on the native <dialog> element: showModal() makes the rest of the page inert (so
// focus stays inside), Escape closes it, and closing returns focus to the control that opened it.
// The dialog stays in the DOM while closed so that focus restoration works; its content is only
// rendered while open.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from "react";
import { X } from "lucide-react";
import { cx } from "@/components/lib/cx";
import { Alert } from "./alert";
import { Button, focusRing } from "./button";

export type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned under the content. */
  footer?: ReactNode;
  size?: "sm" | "md";
  /** Render the content in a <form> whose submit calls this (Enter submits). */
  onSubmit?: () => void;
  /** Change it when the dialog switches to another step, to move focus to that step's field. */
  step?: string;
};

export function Dialog({ open, onClose, title, description, children, footer, size = "md", onSubmit, step }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const pressedOnBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();
  // The latest onClose, updated on commit (never during render, which may be thrown away).
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs while the dialog is still hidden; focus the intended field now.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    if (step !== undefined && ref.current?.open) ref.current.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [step]);

  // A dialog unmounted while open (e.g. navigation) must not leave the page inert.
  useEffect(() => () => ref.current?.close(), []);

  const body = (
    <>
      <div className="flex items-start justify-between gap-4 px-5 pt-5">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold text-slate-900 dark:text-slate-100">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {description}
            </div>
          )}
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close dialog"
          className={cx(
            "-mt-1 -mr-1 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-200",
            focusRing,
          )}
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
      {children && <div className="space-y-4 px-5 pt-4">{children}</div>}
      {footer && (
        <div className="mt-5 flex flex-col-reverse gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3 sm:flex-row sm:justify-end dark:border-slate-800 dark:bg-slate-900/60">
          {footer}
        </div>
      )}
      {!footer && <div className="pb-5" />}
    </>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape (or the browser's close request) closes the dialog natively; keep the state in step.
      onClose={() => onCloseRef.current()}
      onMouseDown={(e) => {
        pressedOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        // A click that both started and ended on the backdrop (outside the panel) closes.
        if (e.target === e.currentTarget && pressedOnBackdrop.current) onClose();
      }}
      className={cx(
        "m-auto w-[calc(100%-2rem)] overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-[1px] dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100",
        size === "sm" ? "max-w-sm" : "max-w-md",
      )}
    >
      {open && (
        <div className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
          {onSubmit ? (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                onSubmit();
              }}
            >
              {body}
            </form>
          ) : (
            body
          )}
        </div>
      )}
    </dialog>
  );
}

/** "Are you sure?" with the consequences spelled out, a server error if any, and two buttons. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  confirmLabel,
  tone = "primary",
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  pending: boolean;
  error?: string | null;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      size="sm"
      onSubmit={onConfirm}
      footer={
        <>
          {/* Focus starts on the safe choice when the action is destructive. */}
          <Button onClick={onClose} data-autofocus={tone === "danger" || undefined}>
            Cancel
          </Button>
          <Button type="submit" variant={tone} pending={pending} data-autofocus={tone !== "danger" || undefined}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-sm text-slate-700 dark:text-slate-300">{children}</div>
      {error && <Alert tone="error">{error}</Alert>}
    </Dialog>
  );
}

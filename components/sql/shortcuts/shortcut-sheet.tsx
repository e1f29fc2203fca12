"use client";
// The keyboard-shortcut sheet: a modal dialog (native <dialog>: focus stays inside, Esc closes,
// focus returns to what opened it) listing the workbench's shortcuts with this platform's
// modifier key.
import { Fragment } from "react";
import { Dialog } from "@/components/ui/dialog";
import { workbenchShortcuts } from "./shortcut-list";

export function ShortcutSheet({ open, onClose, modKey }: { open: boolean; onClose: () => void; modKey: string }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" description="In the SQL workbench.">
      <div className="space-y-4" data-testid="shortcut-sheet">
        {workbenchShortcuts(modKey).map((group) => (
          <section key={group.title} aria-labelledby={`shortcuts-${group.title}`}>
            <h3 id={`shortcuts-${group.title}`} className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
              {group.title}
            </h3>
            <dl className="space-y-1.5 text-sm">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.what} className="flex items-start justify-between gap-3">
                  <dt className="shrink-0 whitespace-nowrap">
                    {shortcut.keys.map((combo, i) => (
                      <Fragment key={combo.join("+")}>
                        {i > 0 && <span className="mx-1 text-xs text-slate-400">or</span>}
                        <KeyCombo keys={combo} />
                      </Fragment>
                    ))}
                  </dt>
                  <dd className="text-right text-slate-600 dark:text-slate-300">{shortcut.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}

function KeyCombo({ keys }: { keys: string[] }) {
  return (
    <kbd className="inline-flex items-center gap-0.5 font-sans">
      {keys.map((key, i) => (
        <Fragment key={key}>
          {i > 0 && <span className="text-xs text-slate-400">+</span>}
          <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-[11px] font-medium text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200">
            {key}
          </kbd>
        </Fragment>
      ))}
    </kbd>
  );
}

"use client";
// The workbench's shortcuts when the focus is outside the editor (the editor registers the same
// ones as Monaco actions, which stop the event there): Ctrl/⌘+Enter runs, Ctrl/⌘+S saves
// (instead of the browser saving the page), Esc cancels a running query. Keys pressed inside an
// open dialog belong to the dialog.
import { useEffect, useRef } from "react";

export type PageShortcuts = { run: () => void; save: () => void; cancel: () => void; running: boolean };

export function usePageShortcuts(shortcuts: PageShortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("dialog[open]")) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key === "Enter") {
        event.preventDefault();
        ref.current.run();
      } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        ref.current.save();
      } else if (event.key === "Escape" && ref.current.running && !target?.closest("input, textarea, select")) {
        event.preventDefault();
        ref.current.cancel();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

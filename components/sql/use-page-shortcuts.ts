"use client";
// The workbench's shortcuts when the focus is outside the editor (the editor registers the same
// ones as Monaco actions, which stop the event there): Ctrl/⌘+Enter runs, Ctrl/⌘+S saves
// (instead of the browser saving the page), Esc cancels a running query, `?` or Ctrl/⌘+/ shows
// the shortcut sheet (`?` only where it would not type a character). Keys pressed inside an open
// dialog belong to the dialog.
import { useEffect, useEffectEvent } from "react";

export type PageShortcuts = { run: () => void; save: () => void; cancel: () => void; running: boolean; showShortcuts?: () => void };

export function usePageShortcuts(shortcuts: PageShortcuts): void {
  // An effect event: the listener is added once and always sees the latest shortcuts.
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest("dialog[open]")) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === "Enter") {
      event.preventDefault();
      shortcuts.run();
    } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      shortcuts.save();
    } else if (shortcuts.showShortcuts && ((mod && event.key === "/") || (event.key === "?" && !mod && !event.altKey && !isTextField(target)))) {
      event.preventDefault();
      shortcuts.showShortcuts();
    } else if (event.key === "Escape" && shortcuts.running && !target?.closest("input, textarea, select")) {
      event.preventDefault();
      shortcuts.cancel();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}

function isTextField(target: HTMLElement | null): boolean {
  return !!target?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
}

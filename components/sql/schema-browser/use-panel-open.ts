"use client";
// Whether the schema browser is shown, remembered in localStorage. Until someone chooses, it is
// open on wide screens (Tailwind's lg, where it sits beside the editor) and closed on narrow ones
// (where it would push the editor down).
import { useCallback, useSyncExternalStore } from "react";

const STORAGE_KEY = "portal.workbench.schemaBrowser.v1";
const WIDE = "(min-width: 64rem)";
const listeners = new Set<() => void>();
// This tab's latest choice: it holds even where storage is blocked or full.
let choice: "open" | "closed" | null = null;

function read(): boolean {
  if (choice) return choice === "open";
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "open" || stored === "closed") return stored === "open";
  } catch {
    // Storage can be blocked: fall back to the screen width.
  }
  return window.matchMedia(WIDE).matches;
}

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  // Other browser tabs, and the width while nothing is stored.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY && e.key !== null) return;
    choice = null; // the other tab's choice, now in storage, wins
    notify();
  };
  const media = window.matchMedia(WIDE);
  window.addEventListener("storage", onStorage);
  media.addEventListener("change", notify);
  return () => {
    listeners.delete(notify);
    window.removeEventListener("storage", onStorage);
    media.removeEventListener("change", notify);
  };
}

export function usePanelOpen(): [open: boolean, setOpen: (open: boolean) => void] {
  // The workbench renders in the browser only, so there is no server snapshot to match.
  const open = useSyncExternalStore(subscribe, read, () => false);
  const setOpen = useCallback((next: boolean) => {
    choice = next ? "open" : "closed";
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Blocked storage: the choice lasts until the page reloads.
    }
    listeners.forEach((notify) => notify());
  }, []);
  return [open, setOpen];
}

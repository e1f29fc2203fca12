"use client";
import { useSyncExternalStore } from "react";

/** "⌘" on Apple keyboards, "Ctrl" elsewhere: the key shortcuts are shown with. */
export function useModKey(): string {
  return useSyncExternalStore(
    () => () => undefined,
    () => (/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? "⌘" : "Ctrl"),
    () => "Ctrl",
  );
}

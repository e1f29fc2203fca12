"use client";
// True while <html> has class="dark". The theme can change at any moment (user menu, OS setting,
// another tab); a MutationObserver on the class attribute follows every one of them.
import { useSyncExternalStore } from "react";

function subscribe(notify: () => void): () => void {
  const observer = new MutationObserver(notify);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

export function useDarkMode(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}

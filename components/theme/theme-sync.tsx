"use client";
// Mounted once in the root layout: keeps <html class="dark"> right when the OS theme or another
// tab's choice changes, and re-applies it after React's development-mode remount of <html>.
import { useLayoutEffect, useSyncExternalStore } from "react";
import { applyTheme, readTheme, subscribeTheme } from "./theme";

export function ThemeSync() {
  useSyncExternalStore(subscribeTheme, readTheme, () => "system");
  useLayoutEffect(() => applyTheme(readTheme()), []);
  return null;
}

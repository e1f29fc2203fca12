"use client";
import { useSyncExternalStore } from "react";
import { tabsStore, type TabsState } from "./tabs-store";
import { useTabsOwner } from "./tabs-owner";

/** The signed-in user's editor tabs and the store that changes them. Call only in components rendered in the browser. */
export function useTabs(): TabsState & { store: ReturnType<typeof tabsStore> } {
  const store = tabsStore(useTabsOwner());
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { ...state, store };
}

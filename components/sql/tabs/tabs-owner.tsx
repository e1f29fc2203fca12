"use client";
// Whose tabs these are: the SQL section's layout names the signed-in user, and every tab store
// below it (the workbench, "Open in editor" on the history and saved pages) is that user's, so a
// different user signing in on this browser never sees the previous user's tabs.
import { createContext, useContext, type ReactNode } from "react";

const TabsOwnerContext = createContext<string | null>(null);

export function TabsOwner({ userId, children }: { userId: string; children: ReactNode }) {
  return <TabsOwnerContext value={userId}>{children}</TabsOwnerContext>;
}

/** The signed-in user's id; throws outside the SQL section, where no tabs belong to anyone. */
export function useTabsOwner(): string {
  const userId = useContext(TabsOwnerContext);
  if (!userId) throw new Error("useTabsOwner needs a <TabsOwner> (app/(portal)/sql/layout.tsx)");
  return userId;
}

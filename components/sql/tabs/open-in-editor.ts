"use client";
// "Open in editor" from the history and saved pages: add a tab to the user's (persisted) tab
// store, then go to the editor, which shows it as the active tab and sends it to the server.
import { useRouter } from "next/navigation";
import { tabsStore, type TabDraft } from "./tabs-store";
import { useTabsOwner } from "./tabs-owner";

export function useOpenInEditor(): (draft: TabDraft) => void {
  const router = useRouter();
  const userId = useTabsOwner();
  return (draft) => {
    const store = tabsStore(userId);
    store.open(draft);
    store.flush(); // also there if the editor is opened in a full page load
    router.push("/sql");
  };
}

"use client";
// "Open in editor" from the history and saved pages: add a tab to the (persisted) tab store,
// then go to the editor, which shows it as the active tab.
import { useRouter } from "next/navigation";
import { tabsStore, type TabDraft } from "./tabs-store";

export function useOpenInEditor(): (draft: TabDraft) => void {
  const router = useRouter();
  return (draft) => {
    const store = tabsStore();
    store.open(draft);
    store.flush(); // also there if the editor is opened in a full page load
    router.push("/sql");
  };
}

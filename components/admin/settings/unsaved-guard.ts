"use client";
// Unsaved changes are not lost by accident: leaving or reloading the page asks the browser's
// "leave site?" question, and following a link inside the portal asks first.
import { useEffect } from "react";

export const LEAVE_QUESTION = "You have unsaved settings. Leave this page and lose them?";

export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set
    };
    // Capture phase: before Next's <Link> starts a client-side navigation.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!link || (link as HTMLAnchorElement).target === "_blank") return;
      if (!window.confirm(LEAVE_QUESTION)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
}

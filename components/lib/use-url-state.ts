"use client";
// A page's view in its URL: reading the current search params and replacing some of them (the
// page cursor is dropped whenever a filter changes, as the old page no longer applies).
//
// Two changes in quick succession (pick an action, then an outcome) must both stick. The second
// one runs before Next has committed the first navigation, so `useSearchParams()` still shows the
// old URL; patching that would silently undo the first change. So each change builds on the URL
// it last asked for, for as long as the rendered URL has not moved on from where that request
// started.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useRef } from "react";

export type UrlPatch = Record<string, string | undefined>;

const CURSOR_ONLY = ["cursor"] as const;

/** `resetKeys`: the page-position parameters a filter change drops (pass a module constant). */
export function useUrlState({ resetKeys = CURSOR_ONLY }: { resetKeys?: readonly string[] } = {}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const pending = useRef<{ from: string; query: string } | null>(null);
  const set = useCallback(
    (patch: UrlPatch, { keepCursor = false }: { keepCursor?: boolean } = {}) => {
      const rendered = params.toString();
      const base = pending.current?.from === rendered ? pending.current.query : rendered;
      const next = new URLSearchParams(base);
      if (!keepCursor) for (const key of resetKeys) next.delete(key);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      pending.current = { from: rendered, query };
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router, resetKeys],
  );
  return { params, set };
}

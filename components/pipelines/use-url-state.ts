"use client";
// A page's view in its URL: reading the current search params and replacing some of them (the
// page cursor is dropped whenever a filter changes, as the old page no longer applies).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export function useUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | undefined>, { keepCursor = false }: { keepCursor?: boolean } = {}) => {
      const next = new URLSearchParams(params.toString());
      if (!keepCursor) next.delete("cursor");
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  return { params, set };
}

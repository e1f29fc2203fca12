"use client";
// Links that open a query in a new tab: /sql?saved=<id> (a saved query, for anyone signed in)
// and /sql?query=<SQL>[&engine=…&catalog=…&schema=…&title=…] (e.g. "Query this file" in the
// bucket browser). The parameters are removed once the tab is open, so a reload does not open
// it a second time.
import { useEffect, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorMessage } from "@/components/lib/trpc-errors";
import type { TabsStore } from "./tabs-store";

export function useOpenFromUrl(store: TabsStore, onError: (message: string) => void): { opening: boolean } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const trpc = useTRPC();
  const handled = useRef<string | null>(null);
  const savedId = params.get("saved");
  const query = params.get("query");
  const key = params.toString();

  const saved = useQuery({ ...trpc.sql.saved.get.queryOptions({ id: savedId ?? "" }), enabled: !!savedId, retry: false });

  useEffect(() => {
    if (!savedId && query === null) {
      handled.current = null;
      return;
    }
    // Strict mode runs effects twice: open each link once.
    if (handled.current === key) return;
    if (query !== null) {
      handled.current = key;
      store.open({
        sql: query,
        title: params.get("title") ?? undefined,
        engineId: params.get("engine") ?? undefined,
        catalog: params.get("catalog") ?? undefined,
        schema: params.get("schema") ?? undefined,
      });
      router.replace(pathname, { scroll: false });
      return;
    }
    if (saved.data) {
      handled.current = key;
      const q = saved.data;
      store.open({ title: q.name, sql: q.sql, engineId: q.engineId, catalog: q.catalog, schema: q.schema, savedQueryId: q.id, savedVersion: q.updatedAt.toISOString() });
      router.replace(pathname, { scroll: false });
    } else if (saved.error) {
      handled.current = key;
      onError(`The saved query could not be opened: ${errorMessage(saved.error)}`);
      router.replace(pathname, { scroll: false });
    }
  }, [key, savedId, query, saved.data, saved.error, store, router, pathname, params, onError]);

  return { opening: !!savedId && saved.isPending };
}

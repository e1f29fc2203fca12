"use client";
// After a steward's edit: refresh the dataset, its activity and any search results.
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";

export function useAfterEdit() {
  const catalog = useTRPC().catalog;
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: catalog.dataset.pathKey() }),
      queryClient.invalidateQueries({ queryKey: catalog.activity.pathKey() }),
      queryClient.invalidateQueries({ queryKey: catalog.search.pathKey() }),
      queryClient.invalidateQueries({ queryKey: catalog.facets.pathKey() }),
    ]);
}

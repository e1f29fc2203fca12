"use client";
// The dataset's stored column profiles (read through the engine as the user) and the mutation that
// computes one; one profile per column name: the first columns' profile, overridden by a newer
// profile of that column alone.
import { useMemo } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import type { ColumnProfile, StoredProfile } from "./profile-format";

export type ColumnProfileEntry = { column: ColumnProfile; from: StoredProfile };

export function useColumnProfiles(datasetId: string, enabled: boolean) {
  const catalog = useTRPC().catalog;
  const queryClient = useQueryClient();
  const read = useQuery({ ...catalog.profile.queryOptions({ datasetId }), enabled, staleTime: 60_000, retry: false });
  const compute = useMutation(
    catalog.profileCompute.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: catalog.profile.queryKey({ datasetId }) }),
    }),
  );
  const byColumn = useMemo(() => {
    const map = new Map<string, ColumnProfileEntry>();
    const profiles = [...(read.data?.profiles ?? [])].sort((a, b) => new Date(a.computedAt).getTime() - new Date(b.computedAt).getTime());
    for (const from of profiles) for (const column of from.columns) map.set(column.name, { column, from });
    return map;
  }, [read.data]);
  const main = read.data?.profiles.find((p) => p.target === null) ?? null;
  return { read, compute, byColumn, main };
}

export type ColumnProfiles = ReturnType<typeof useColumnProfiles>;

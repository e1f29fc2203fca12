"use client";
// buckets.* hooks and the output types the components use (inferred, never written twice).
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/react";
import type { AppRouter } from "@/server/api/root";

export function useBucketsApi() {
  return useTRPC().buckets;
}

type Outputs = inferRouterOutputs<AppRouter>["buckets"];
export type BucketListOutput = Outputs["list"];
export type ObjectPageOutput = Outputs["objects"];
export type ObjectInfoOutput = Outputs["object"];
export type PreviewOutput = Outputs["preview"];
export type DeletePlanOutput = Outputs["deletePlan"];

"use client";
// buckets.* hooks. Typed through the buckets-only router, so these components compile before
// and after root.ts wires `buckets: bucketsRouter` (same paths, same query keys); once it is
// wired this is the same object as useTRPC().buckets.
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/react";
import type { BucketsHostRouter } from "@/server/api/routers/buckets/host";

export function useBucketsApi() {
  return (useTRPC() as unknown as TRPCOptionsProxy<BucketsHostRouter>).buckets;
}

type Outputs = inferRouterOutputs<BucketsHostRouter>["buckets"];
export type BucketListOutput = Outputs["list"];
export type ObjectPageOutput = Outputs["objects"];
export type ObjectInfoOutput = Outputs["object"];
export type PreviewOutput = Outputs["preview"];
export type DeletePlanOutput = Outputs["deletePlan"];

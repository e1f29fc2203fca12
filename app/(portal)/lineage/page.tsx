import type { Metadata } from "next";
import { Suspense } from "react";
import { LineagePage } from "@/components/lineage/lineage-page";
import { SkeletonRows } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Lineage" };

export default function Page() {
  return (
    <Suspense fallback={<SkeletonRows label="Loading the lineage view" rows={4} height="h-16" />}>
      <LineagePage />
    </Suspense>
  );
}

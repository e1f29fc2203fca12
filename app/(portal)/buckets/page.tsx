import type { Metadata } from "next";
import { BucketList } from "@/components/buckets/bucket-list";
import { StorageProblem } from "@/components/buckets/storage-problem";
import { HydrateClient } from "@/server/api/rsc";
import { bucketsRsc, load } from "./_lib/server";

export const metadata: Metadata = { title: "Buckets" };

export default async function BucketsPage() {
  const problem = await load(bucketsRsc().list.queryOptions());
  if (problem) return <StorageProblem problem={problem} />;
  return (
    <HydrateClient>
      <BucketList />
    </HydrateClient>
  );
}

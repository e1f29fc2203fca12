import type { Metadata } from "next";
import { ObjectView } from "@/components/buckets/object-view";
import { keyFromSegments, objectHref } from "@/components/buckets/paths";
import { StorageProblem } from "@/components/buckets/storage-problem";
import { HydrateClient } from "@/server/api/rsc";
import { bucketsRsc, load } from "../../../_lib/server";

type Props = { params: Promise<{ bucket: string; path: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { path } = await params;
  return { title: keyFromSegments(path).split("/").at(-1) };
}

export default async function ObjectRoute({ params }: Props) {
  const { bucket: rawBucket, path } = await params;
  const bucket = decodeURIComponent(rawBucket);
  const key = keyFromSegments(path);
  const problem = await load(bucketsRsc().object.queryOptions({ bucket, key }));
  if (problem) return <StorageProblem problem={problem} bucket={bucket} retryHref={objectHref(bucket, key)} />;
  // The preview is not prefetched: details render at once and the browser asks for the preview
  // (range reads that can take a moment on a large Parquet file) right after.
  return (
    <HydrateClient>
      <ObjectView bucket={bucket} objectKey={key} />
    </HydrateClient>
  );
}

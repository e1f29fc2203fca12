// A folder of a bucket (the bucket root too): the first page is fetched on the server.
import { FolderBrowser } from "@/components/buckets/folder-browser";
import { objectsInput } from "@/components/buckets/inputs";
import { folderHref } from "@/components/buckets/paths";
import { StorageProblem } from "@/components/buckets/storage-problem";
import { HydrateClient } from "@/server/api/rsc";
import { bucketsRsc, load } from "./server";

export async function FolderPage({ bucket, prefix, filter }: { bucket: string; prefix: string; filter: string }) {
  const problem = await load(bucketsRsc().objects.queryOptions(objectsInput({ bucket, prefix, filter })));
  if (problem) return <StorageProblem problem={problem} bucket={bucket} retryHref={folderHref(bucket, prefix, filter)} />;
  return (
    <HydrateClient>
      {/* Keyed by folder so its paging and selection start afresh. */}
      <FolderBrowser key={`${bucket}/${prefix}`} bucket={bucket} prefix={prefix} initialFilter={filter} />
    </HydrateClient>
  );
}

export function filterParam(q: string | string[] | undefined): string {
  return (Array.isArray(q) ? q[0] : q)?.slice(0, 1024) ?? "";
}

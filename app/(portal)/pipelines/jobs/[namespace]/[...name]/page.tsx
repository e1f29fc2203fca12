import type { Metadata } from "next";
import { Suspense } from "react";
import { currentUser } from "@/components/auth/session";
import { JobPage } from "@/components/pipelines/job-page";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Pipeline job" };

// /pipelines/jobs/<namespace>/<name…>: namespaces are URIs (encoded as one segment), job names
// may hold slashes (a catch-all keeps them).
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ namespace: string; name: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await currentUser();
  if (!user) return null;
  const { namespace: ns, name: parts } = await params;
  const namespace = decodeURIComponent(ns);
  const name = parts.map(decodeURIComponent).join("/");
  const w = (await searchParams).window;
  const window = w === "24h" || w === "7d" || w === "30d" ? w : "30d";
  const client = getQueryClient();
  await Promise.all([
    client.prefetchQuery(trpc.pipelines.job.queryOptions({ namespace, name, window })),
    client.prefetchInfiniteQuery(trpc.pipelines.runs.infiniteQueryOptions({ job: { namespace, name }, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined })),
  ]);
  return (
    <HydrateClient>
      <Suspense>
        <JobPage namespace={namespace} name={name} />
      </Suspense>
    </HydrateClient>
  );
}

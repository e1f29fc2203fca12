import type { Metadata } from "next";
import { Suspense } from "react";
import { currentUser } from "@/components/auth/session";
import { RunsPage } from "@/components/pipelines/runs-page";
import { defined, paramsOf, runsViewFrom } from "@/components/pipelines/view-state";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Pipeline runs" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (!user) return null;
  const view = defined(runsViewFrom(paramsOf(await searchParams)));
  // Awaited so the first HTML holds the first page; a failure (a bad filter) is shown by the
  // browser's own request, with its message.
  await getQueryClient().prefetchInfiniteQuery(trpc.pipelines.runs.infiniteQueryOptions(view, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  return (
    <HydrateClient>
      <Suspense>
        <RunsPage />
      </Suspense>
    </HydrateClient>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { currentUser } from "@/components/auth/session";
import { PipelinesPage } from "@/components/pipelines/pipelines-page";
import { defined, paramsOf, pipelinesViewFrom, timelineWindow } from "@/components/pipelines/view-state";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Pipelines" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (!user) return null;
  const view = pipelinesViewFrom(paramsOf(await searchParams));
  // The timeline's window is fixed here (to the minute) and handed down, so the browser asks for
  // the same window the server prefetched.
  const timeline = timelineWindow();
  const client = getQueryClient();
  // Awaited so the first HTML holds the list and charts; a failure is left to the browser's own
  // request, which shows it with Retry.
  await Promise.all([
    client.prefetchQuery(trpc.pipelines.list.queryOptions(defined(view))),
    client.prefetchQuery(trpc.pipelines.overview.queryOptions({ window: view.window })),
    client.prefetchQuery(trpc.pipelines.timeline.queryOptions(timeline)),
  ]);
  return (
    <HydrateClient>
      <Suspense>
        <PipelinesPage timelineFrom={timeline.from} timelineTo={timeline.to} />
      </Suspense>
    </HydrateClient>
  );
}

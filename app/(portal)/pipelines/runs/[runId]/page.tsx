import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentUser } from "@/components/auth/session";
import { RunDetailView } from "@/components/pipelines/run-detail";
import { hasRole } from "@/lib/auth/roles";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Pipeline run" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const user = await currentUser();
  if (!user) return null;
  const { runId } = await params;
  if (!UUID.test(runId)) notFound();
  // Awaited so the first HTML holds the run; an unknown run or a failure is shown by the browser's
  // own request (with Retry).
  await getQueryClient().prefetchQuery(trpc.pipelines.run.queryOptions({ runId }));
  return (
    <HydrateClient>
      <RunDetailView runId={runId} canNotify={hasRole(user.role, "editor")} />
    </HydrateClient>
  );
}

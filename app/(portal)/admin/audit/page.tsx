import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit/audit-log";
import { auditListInput, auditParamsOf } from "@/components/admin/audit/types";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Awaited so the first HTML already holds the events of the view the URL names.
  await getQueryClient().prefetchQuery(trpc.audit.list.queryOptions(auditListInput(auditParamsOf(await searchParams))));
  return (
    <HydrateClient>
      <AuditLog />
    </HydrateClient>
  );
}

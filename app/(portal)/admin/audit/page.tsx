import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit/audit-log";
import { auditListInput } from "@/components/admin/audit/types";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  // Awaited so the first HTML already holds the newest events.
  await getQueryClient().prefetchQuery(trpc.audit.list.queryOptions(auditListInput({ action: "", subject: "", page: 1 })));
  return (
    <HydrateClient>
      <AuditLog />
    </HydrateClient>
  );
}

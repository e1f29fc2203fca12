// GET /api/admin/audit/export?format=csv|ndjson&actor=&action=&outcome=&from=&to=&subject=
// The filtered audit log as a file, streamed with backpressure (server/audit/export.ts); admins
// only, signed in (no API token), and the export itself is audited.
import { exportAuditQuery } from "@/server/audit/schemas";
import { exportAuditLog } from "@/server/audit/export";
import { withAuth } from "@/server/http/with-auth";

export const dynamic = "force-dynamic";

export const GET = withAuth(async (req, { user, ip, db, input }) => exportAuditLog({ user, ip, db }, input, req.signal), { role: "admin", query: exportAuditQuery });

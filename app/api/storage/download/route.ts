// GET /api/storage/download?bucket=raw&key=a/b.csv[&disposition=inline]: checks the user's read
// right, then redirects to a short-lived link (S3 presigned URL, or the portal's signed URL for
// the local folder). The browser fetches the bytes from there; no credentials reach it.
import { withAuth } from "@/server/http/with-auth";
import { downloadInput } from "@/server/storage/schemas";
import { downloadLink } from "@/server/storage/browse";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  async (_req, { user, ip, db, input }) => {
    const { url } = await downloadLink({ ctx: { user, ip, db }, input });
    return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
  },
  { scope: "read", query: downloadInput },
);

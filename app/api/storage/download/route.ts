// GET /api/storage/download?bucket=raw&key=a/b.csv[&disposition=inline]: checks the user's read
// right, then redirects to a short-lived link (S3 presigned URL, or the portal's signed URL for
// the local folder). The browser fetches the bytes from there; no credentials reach it.
import { withAuth } from "@/server/http/with-auth";
import { downloadInput } from "@/server/api/routers/buckets/schemas";
import { downloadLink } from "@/server/storage/browse";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  async (_req, { user, input }) => {
    const link = await downloadLink(user, input);
    return new Response(null, { status: 302, headers: { location: link, "cache-control": "no-store" } });
  },
  { scope: "read", query: downloadInput },
);

// GET /api/storage/download?bucket=raw&key=a/b.csv[&disposition=inline]: checks the user's read
// right, then redirects to a short-lived link (S3 presigned URL, or the portal's signed URL for
// the local folder). The browser fetches the bytes from there; no credentials reach it.
import { z } from "zod";
import { withAuth, jsonError } from "@/server/http/with-auth";
import { downloadInput } from "@/server/api/routers/buckets/schemas";
import { downloadLink } from "@/server/storage/browse";

export const dynamic = "force-dynamic";

export const GET = withAuth(async (req, { user }) => {
  const parsed = downloadInput.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return jsonError(400, `Invalid download: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
  const link = await downloadLink(user, parsed.data);
  return new Response(null, { status: 302, headers: { location: link, "cache-control": "no-store" } });
});

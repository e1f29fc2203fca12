// GET /api/storage/signed?...&signature=...: serves a local-folder object to whoever holds an
// unexpired signed link (made by /api/storage/download after checking read rights), like an S3
// presigned URL. No session needed, so links work for downloads started in a new tab.
import { errorResponse } from "@/server/http/with-auth";
import { getRuntime } from "@/server/runtime";
import { objectStore } from "@/server/storage";
import { serveSignedDownload } from "@/server/storage/serve-signed";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    return await serveSignedDownload(req, await objectStore(), getRuntime().authSecret);
  } catch (err) {
    return errorResponse(err, req);
  }
}

// PUT /api/storage/upload?bucket=raw&key=a/b.csv[&overwrite=1] with the file as the body.
// Streams straight into the object store (multipart on S3, temp file + rename locally): the
// portal never holds a whole file in memory, and a dropped connection stores nothing.
import { withAuth, jsonError } from "@/server/http/with-auth";
import { uploadQuery } from "@/server/storage/schemas";
import { uploadObject } from "@/server/storage/changes";

export const dynamic = "force-dynamic";

// The query names the file; the body is the file itself, left unread by the guard (uploads have
// their own size limit, checked while streaming).
export const PUT = withAuth(
  async (req, { user, ip, db, input }) => {
    if (!req.body) return jsonError(400, "The upload has no content.");
    const length = Number(req.headers.get("content-length"));
    const result = await uploadObject({
      ctx: { user, ip, db },
      input: {
        ...input,
        contentType: req.headers.get("content-type")?.split(";")[0] || undefined,
        size: Number.isFinite(length) && length >= 0 && req.headers.has("content-length") ? length : undefined,
      },
      body: req.body,
      signal: req.signal,
    });
    return Response.json(result, { status: 201 });
  },
  { scope: "storage:write", query: uploadQuery },
);

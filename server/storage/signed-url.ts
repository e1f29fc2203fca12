// Signed, expiring download URLs for the local adapter: the portal's answer to S3 presigned
// URLs. The signature (HMAC-SHA256 with a key derived from the runtime's authSecret) covers the
// bucket, key, expiry and disposition, so a link cannot be bent to another object or extended.
// Any replica can verify it: the secret is shared through the database, nothing is stored.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNED_DOWNLOAD_PATH = "/api/storage/signed";

export type SignedDownload = {
  bucket: string;
  key: string;
  /** Unix time in seconds after which the link stops working. */
  expires: number;
  disposition: "attachment" | "inline";
  filename: string;
};

function signingKey(secret: string): Buffer {
  // A separate key per purpose: a download signature can never pass for anything else.
  return createHmac("sha256", secret).update("portal/storage-download/v1").digest();
}

function signature(link: SignedDownload, secret: string): string {
  const payload = [link.bucket, link.key, String(link.expires), link.disposition, link.filename].join("\n");
  return createHmac("sha256", signingKey(secret)).update(payload).digest("base64url");
}

export function signDownload(link: SignedDownload, secret: string): string {
  const params = new URLSearchParams({
    bucket: link.bucket,
    key: link.key,
    expires: String(link.expires),
    disposition: link.disposition,
    filename: link.filename,
    signature: signature(link, secret),
  });
  return `${SIGNED_DOWNLOAD_PATH}?${params.toString()}`;
}

export type VerifyResult = { ok: true; link: SignedDownload } | { ok: false; reason: "invalid" | "expired" };

export function verifyDownload(params: URLSearchParams, secret: string, now = Date.now()): VerifyResult {
  const bucket = params.get("bucket");
  const key = params.get("key");
  const expires = Number(params.get("expires"));
  const disposition = params.get("disposition");
  const filename = params.get("filename");
  const given = params.get("signature");
  if (!bucket || !key || !Number.isSafeInteger(expires) || (disposition !== "attachment" && disposition !== "inline") || filename === null || !given) {
    return { ok: false, reason: "invalid" };
  }
  const link: SignedDownload = { bucket, key, expires, disposition, filename };
  const expected = Buffer.from(signature(link, secret));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: "invalid" };
  if (expires * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true, link };
}

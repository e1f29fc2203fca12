// Bucket names and object keys. S3 accepts almost any key, so reads from S3 are checked
// leniently (length, NUL) to keep odd existing keys browsable; everything the portal writes,
// and everything the local adapter touches, must pass the strict rules, which keep a key a
// plain relative path: no "..", no absolute path, no backslash, no control characters.
import { DomainError } from "../errors";

export const MAX_KEY_BYTES = 1024;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isValidBucketName(bucket: string): boolean {
  return BUCKET_NAME.test(bucket) && !bucket.includes("..");
}

export function assertBucketName(bucket: string): void {
  if (!isValidBucketName(bucket)) {
    throw new DomainError("BAD_REQUEST", `"${truncate(bucket)}" is not a bucket name (3–63 lower-case letters, digits, dots or hyphens).`);
  }
}

/** Why `key` breaks the strict rules, or null if it is fine. `folder` allows a trailing "/". */
export function strictKeyProblem(key: string, options: { folder?: boolean } = {}): string | null {
  if (key === "") return "must not be empty";
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) return `must be at most ${MAX_KEY_BYTES} bytes`;
  if (key.includes("\0")) return "must not contain NUL bytes";
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u001f\u007f]/.test(key)) return "must not contain control characters";
  if (key.includes("\\")) return "must not contain backslashes";
  if (key.startsWith("/") || /^[a-zA-Z]:/.test(key)) return "must be relative (no leading / or drive letter)";
  const body = options.folder && key.endsWith("/") ? key.slice(0, -1) : key;
  if (body === "") return "must not be empty";
  for (const segment of body.split("/")) {
    if (segment === "") return "must not contain empty path segments (//) or end with /";
    if (segment === "." || segment === "..") return 'must not contain "." or ".." segments';
    if (Buffer.byteLength(segment, "utf8") > 255) return "must not have a path segment longer than 255 bytes";
  }
  return null;
}

export function assertStrictKey(key: string, options: { folder?: boolean } = {}): void {
  const problem = strictKeyProblem(key, options);
  if (problem) throw new DomainError("BAD_REQUEST", `The object name "${truncate(printable(key))}" ${problem}.`, { key: [problem] });
}

/** A prefix is "" or a strict key that may end with "/". */
export function assertStrictPrefix(prefix: string): void {
  if (prefix !== "") assertStrictKey(prefix, { folder: true });
}

/** What S3 itself would accept: used for reads from S3. */
export function assertLenientKey(key: string): void {
  if (key === "" || key.includes("\0") || Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) {
    throw new DomainError("BAD_REQUEST", `"${truncate(printable(key))}" is not an object name (1–${MAX_KEY_BYTES} bytes, no NUL).`);
  }
}

export function assertLenientPrefix(prefix: string): void {
  if (prefix !== "") assertLenientKey(prefix);
}

/** The last path segment: "a/b/c.csv" → "c.csv", "a/b/" → "b". */
export function baseName(key: string): string {
  const trimmed = key.endsWith("/") ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The folder a key lives in, with its trailing "/": "a/b/c.csv" → "a/b/", "c.csv" → "". */
export function parentPrefix(key: string): string {
  const trimmed = key.endsWith("/") ? key.slice(0, -1) : key;
  return trimmed.slice(0, trimmed.lastIndexOf("/") + 1);
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, "�");
}

function truncate(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

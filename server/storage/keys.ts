// Bucket names and object keys. S3 accepts almost any key, so reads from S3 are checked
// leniently (length, NUL) to keep odd existing keys browsable; everything the portal writes,
// and everything the local adapter touches, must pass the strict rules, which keep a key a
// plain relative path: no "..", no absolute path, no backslash, no control characters, and no
// invisible characters that change how a name is shown (bidirectional overrides, see below).
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
  const hidden = forbiddenCharacterIn(key);
  if (hidden) return `must not contain ${hidden.description}`;
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
  const hidden = forbiddenCharacterIn(key);
  if (hidden) {
    const what = options.folder ? "Folder names" : "File names";
    const problem = `must not contain ${hidden.description}`;
    throw new DomainError("BAD_REQUEST", `${what} may not contain ${hidden.description} (in "${truncate(printable(key))}").`, { key: [problem] });
  }
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

// Characters no name the portal writes may hold. Bidirectional controls make a name look like
// another ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"); control characters (C0, DEL, C1)
// break logs, terminals and the local adapter's file names. LINE/PARAGRAPH SEPARATOR break lines
// like CR/LF do. Zero-width joiners stay allowed: scripts and emoji need them.
const NAMED: Record<number, string> = {
  0x0000: "the NUL character U+0000",
  0x0009: "the control character U+0009 (tab)",
  0x000a: "the control character U+000A (line feed)",
  0x000d: "the control character U+000D (carriage return)",
  0x061c: "the invisible Arabic letter mark U+061C",
  0x200e: "the invisible left-to-right mark U+200E",
  0x200f: "the invisible right-to-left mark U+200F",
  0x2028: "the invisible line separator U+2028",
  0x2029: "the invisible paragraph separator U+2029",
  0x202a: "the invisible left-to-right embedding U+202A",
  0x202b: "the invisible right-to-left embedding U+202B",
  0x202c: "the invisible pop directional formatting U+202C",
  0x202d: "the invisible left-to-right override U+202D",
  0x202e: "the invisible right-to-left override U+202E",
  0x2066: "the invisible left-to-right isolate U+2066",
  0x2067: "the invisible right-to-left isolate U+2067",
  0x2068: "the invisible first strong isolate U+2068",
  0x2069: "the invisible pop directional isolate U+2069",
};
// Control characters are exactly what this finds.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "g");

/** "U+001B" */
function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The first character of `text` that no written name may hold, described for people. */
export function forbiddenCharacterIn(text: string): { char: string; description: string } | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const char = match[0];
  return { char, description: NAMED[char.codePointAt(0)!] ?? `the control character ${codePointName(char)}` };
}

/**
 * The text with every forbidden character shown as [U+XXXX], so a message or an audit entry
 * cannot be reordered by it (and PostgreSQL, which stores no NUL in text, can keep it).
 */
export function printable(text: string): string {
  return text.replace(FORBIDDEN_ALL, (char) => `[${codePointName(char)}]`);
}

function truncate(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

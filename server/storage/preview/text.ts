// Plain-text preview: the first 64 KB through one range request, decoded as UTF-8.
import type { ObjectStore } from "../object-store";

export const PREVIEW_BYTES = 64 * 1024;

export type TextPreview = { kind: "text"; text: string; truncated: boolean; bytesRead: number; binary: boolean };

/** The first `limit` bytes of an object (one ranged read) and whether there is more. */
export async function readHead(store: ObjectStore, bucket: string, key: string, size: number, limit = PREVIEW_BYTES) {
  if (size === 0) return { bytes: new Uint8Array(0), truncated: false };
  const bytes = await store.getRange(bucket, key, { start: 0, end: Math.min(size, limit) - 1 });
  return { bytes, truncated: size > bytes.length };
}

/** Decodes UTF-8, dropping a character cut in half at the end of a truncated read. */
export function decodeText(bytes: Uint8Array, truncated: boolean): string {
  let end = bytes.length;
  if (truncated) {
    // Back up to the start of a multi-byte sequence that may be incomplete.
    let i = end - 1;
    while (i >= 0 && i > end - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && bytes[i]! >= 0xc0) end = i;
  }
  return new TextDecoder("utf-8").decode(bytes.subarray(0, end));
}

export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  return sample.includes(0);
}

export async function previewText(store: ObjectStore, bucket: string, key: string, size: number): Promise<TextPreview> {
  const { bytes, truncated } = await readHead(store, bucket, key, size);
  if (looksBinary(bytes)) return { kind: "text", text: "", truncated, bytesRead: bytes.length, binary: true };
  return { kind: "text", text: decodeText(bytes, truncated), truncated, bytesRead: bytes.length, binary: false };
}

// Opaque keyset cursors: the sort key of the last row of a page, base64url JSON. A cursor a
// client altered is refused with a clear message rather than read as something else.
import { DomainError } from "../errors";

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string, shape: ("string" | "number")[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) throw invalidCursor();
  return key as (string | number)[];
}

export function invalidCursor(): DomainError {
  return new DomainError("BAD_REQUEST", "This page link is not valid any more: go back to the first page.", { cursor: ["is not a cursor this list gave"] });
}

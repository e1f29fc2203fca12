// The text of a personal API token: `lhp_` + an 8-character prefix + `_` + 32 random bytes in
// base64url. The prefix names the token in lists and audit rows (and makes a leaked token easy
// to spot by secret scanners); the secret carries 256 bits of entropy.
//
// Only SHA-256 of the whole text is stored. A slow password hash (argon2) protects low-entropy
// secrets that people choose from guessing; 256 random bits cannot be guessed however fast the
// hash, and a fast hash lets every request find its token with one indexed lookup.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_MARK = "lhp_";
/** Lower-case letters and digits without look-alikes, so a prefix reads back unambiguously. */
const PREFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const PREFIX_LENGTH = 8;
const TOKEN_PATTERN = /^lhp_([a-z2-9]{8})_([A-Za-z0-9_-]{43})$/;

export type TokenText = { token: string; prefix: string; hash: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newTokenText(): TokenText {
  // 32 letters, so each byte maps onto the alphabet without bias (256 is a multiple of 32).
  const prefix = Array.from(randomBytes(PREFIX_LENGTH), (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join("");
  const token = `${TOKEN_MARK}${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashToken(token) };
}

/** The prefix of a well-formed token, or null for anything else. */
export function prefixOfToken(text: string): string | null {
  return TOKEN_PATTERN.exec(text)?.[1] ?? null;
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is no Bearer credential. */
export function bearerOf(authorization: string | null): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? match[1]! : null;
}

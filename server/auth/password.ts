// Password hashing with argon2id (OWASP's recommended parameters are the library defaults).
import { hash, verify } from "@node-rs/argon2";

// The length rule lives in lib/auth/password-rules.ts, shared with the browser's forms.
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../lib/auth/password-rules";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real hash of a random string: checking a password against it costs the same time as a
// real check, so "no such user" and "wrong password" cannot be told apart by timing.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$uP8yexy6ZQZJKz/DidoWsw$Ck4O41SDihA7xSH9LrvgVhPjqStxGZ86gCh8qYBNREU";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return passwordHash !== null && ok;
  } catch {
    return false; // a malformed stored hash never signs anybody in
  }
}

/** A random password for generated accounts: 20 characters from an unambiguous alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

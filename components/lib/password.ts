// Passwords generated in the browser for new users and resets: 20 characters from an alphabet
// without look-alikes (no 0/O, 1/l/I), drawn with the Web Crypto API. The server checks length.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

// The length rule is the server's (lib/auth/password-rules.ts), from its zod-free half.
export { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-length";

export function generatePassword(length = 20): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

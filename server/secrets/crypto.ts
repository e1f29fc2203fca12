// Secrets at rest: AES-256-GCM (node:crypto) with a fresh 96-bit nonce per secret. The stored
// text is `enc:v1:<key id>:<base64url(nonce ‖ tag ‖ ciphertext)>`, so reading it with another key
// fails with "encrypted with key X" rather than an opaque authentication error, and the key
// rotation (./rotate.ts) knows which rows it has done. A stored value may instead be a reference
// to HashiCorp Vault (`vault:<mount>/<path>#<key>`, ./vault.ts); resolveSecret reads either.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { currentSecretKey, type SecretKey } from "./key";

const PREFIX = "enc:v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// Bound into the tag: a ciphertext made for another purpose with the same key does not decrypt.
const AAD = Buffer.from("lakehouse-portal secret v1");

/** A stored secret that cannot be read with the key given; its message never holds the secret. */
export class SecretDecryptError extends Error {
  constructor(
    message: string,
    /** Id of the key the secret was encrypted with, when the stored text names one. */
    readonly keyId: string | null,
  ) {
    super(message);
    this.name = "SecretDecryptError";
  }
}

/** Encrypts a secret for storage (with the process's key unless one is given). */
export function encryptSecret(plaintext: string, key: SecretKey = currentSecretKey()): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${PREFIX}${key.id}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** True for text made by encryptSecret. */
export function isEncryptedSecret(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The id of the key a stored secret was encrypted with (null when it is not an encrypted secret). */
export function secretKeyIdOf(stored: string): string | null {
  if (!isEncryptedSecret(stored)) return null;
  const id = stored.slice(PREFIX.length).split(":", 1)[0];
  return id || null;
}

/** Decrypts text made by encryptSecret; throws SecretDecryptError for another key or tampered text. */
export function decryptSecret(stored: string, key: SecretKey = currentSecretKey()): string {
  if (!isEncryptedSecret(stored)) throw new SecretDecryptError("The stored value is not an encrypted secret.", null);
  const rest = stored.slice(PREFIX.length);
  const colon = rest.indexOf(":");
  const keyId = colon > 0 ? rest.slice(0, colon) : null;
  if (!keyId) throw new SecretDecryptError("The stored secret is malformed.", null);
  if (keyId !== key.id) throw new SecretDecryptError(`The stored secret was encrypted with key ${keyId}, but the portal's key is ${key.id}.`, keyId);
  const raw = Buffer.from(rest.slice(colon + 1), "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretDecryptError("The stored secret is malformed.", keyId);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, raw.subarray(0, NONCE_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError(`The stored secret does not decrypt with key ${key.id}: it was altered or made with another key of the same id.`, keyId);
  }
}

// The key that encrypts stored secrets (connection passwords, the OIDC client secret): 32 bytes
// from PORTAL_SECRET_KEY (base64 or hex), or, when that is unset, from <PORTAL_DATA_DIR>/secret.key,
// created with mode 0600 on first use (the embedded default). A key is known by its id, a short
// fingerprint written into every stored secret, so a wrong key is named as such instead of
// producing garbage, and rotation can tell which rows still need the new key.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { processSlot } from "../process-slot";

export type SecretKey = {
  /** Fingerprint of the key (12 hex characters); never the key itself. */
  readonly id: string;
  readonly bytes: Buffer;
};

export const SECRET_KEY_FILE = "secret.key";
const KEY_HINT = "32 random bytes written as base64 (44 characters) or hex (64 characters), e.g. the output of `openssl rand -base64 32`";

/** A key that cannot be used; the message never contains the key. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

/** Parses a key written as base64 (standard or URL alphabet) or hex; throws SecretKeyError. */
export function parseSecretKey(text: string, source = "PORTAL_SECRET_KEY"): SecretKey {
  const trimmed = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!bytes || bytes.length !== 32) throw new SecretKeyError(`${source} is not a valid key: it must be ${KEY_HINT}.`);
  return { id: keyIdOf(bytes), bytes };
}

function keyIdOf(bytes: Buffer): string {
  return createHash("sha256").update("lakehouse-portal secret key id\0").update(bytes).digest("hex").slice(0, 12);
}

/** A new random key, as the text PORTAL_SECRET_KEY takes (base64). */
export function generateSecretKeyText(): string {
  return randomBytes(32).toString("base64");
}

/**
 * The key this process uses: PORTAL_SECRET_KEY when set, else the key file in the data folder
 * (created, mode 0600, when missing). `created` tells the caller a new key file was written.
 */
export function loadSecretKey(options: { PORTAL_SECRET_KEY?: string; dataDir: string }): { key: SecretKey; source: string; created: boolean } {
  if (options.PORTAL_SECRET_KEY) return { key: parseSecretKey(options.PORTAL_SECRET_KEY), source: "PORTAL_SECRET_KEY", created: false };
  const file = path.join(options.dataDir, SECRET_KEY_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new SecretKeyError(`Cannot read the secret key file ${file}: ${(err as Error).message}`);
  }
  if (text !== null) return { key: parseSecretKey(text, `The secret key file ${file}`), source: file, created: false };
  mkdirSync(options.dataDir, { recursive: true });
  const fresh = generateSecretKeyText();
  try {
    // "wx": never overwrite a key another process has just written.
    writeFileSync(file, fresh + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return loadSecretKey(options);
    throw new SecretKeyError(`Cannot create the secret key file ${file}: ${(err as Error).message}`);
  }
  return { key: parseSecretKey(fresh, file), source: file, created: true };
}

// One key per process, whichever module instance asks (server/process-slot.ts).
const current = processSlot<SecretKey>("secretKey");

/** Installs the key (the launcher at start-up, tests, the rotation script). */
export function setSecretKey(key: SecretKey | undefined): void {
  current.value = key;
}

/** The installed key; throws SecretKeyError when there is none. */
export function currentSecretKey(): SecretKey {
  if (!current.value) throw new SecretKeyError("No secret key is loaded: start the portal with `npm start` (server/main.ts).");
  return current.value;
}

// Secrets at rest (README.md here). The small API other modules use:
//   encryptSecret(plaintext) → stored text      decryptSecret(stored) → plaintext
//   resolveSecret(stored) → plaintext, for a stored text that may also be a Vault reference
//   storedSecretOf(input) → what to store for a value an admin typed (a Vault reference is kept as is)
export { encryptSecret, decryptSecret, isEncryptedSecret, secretKeyIdOf, SecretDecryptError } from "./crypto";
export { currentSecretKey, generateSecretKeyText, loadSecretKey, parseSecretKey, setSecretKey, SecretKeyError, type SecretKey } from "./key";
export { currentVaultClient, isVaultReference, parseVaultReference, setVaultClient, VaultClient, VaultError, VAULT_REFERENCE_HINT, type VaultReference } from "./vault";
export { SECRET_COLUMNS, type SecretColumn } from "./columns";

import { decryptSecret, encryptSecret } from "./crypto";
import { currentVaultClient, isVaultReference, parseVaultReference, VAULT_REFERENCE_HINT, VaultError, type VaultClient } from "./vault";

/** The plaintext of a stored secret: decrypted, or read from Vault for a `vault:` reference. */
export async function resolveSecret(stored: string, vault: VaultClient | null = currentVaultClient()): Promise<string> {
  if (!isVaultReference(stored)) return decryptSecret(stored);
  const reference = parseVaultReference(stored);
  if (!reference) throw new VaultError(`“${stored}” is not a Vault reference: write it as ${VAULT_REFERENCE_HINT}.`);
  if (!vault) throw new VaultError("This secret lives in Vault, but VAULT_ADDR is not set on this portal.");
  return vault.read(reference);
}

/** What to store for a secret an admin typed: a Vault reference as it is (validated), anything else encrypted. */
export function storedSecretOf(input: string): string {
  if (isVaultReference(input)) {
    if (!parseVaultReference(input)) throw new VaultError(`“${input}” is not a Vault reference: write it as ${VAULT_REFERENCE_HINT}.`);
    return input.trim();
  }
  return encryptSecret(input);
}

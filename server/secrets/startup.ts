// At start-up: load the secret key (PORTAL_SECRET_KEY or the key file) and prove it reads every
// stored secret. A malformed key, or stored secrets that another key made, stop the portal with a
// message that names the key ids and the rows — never a key or a secret.
import type { PortalConfig } from "../config/env";
import type { Db } from "../db/client";
import { loadSecretKey, setSecretKey, type SecretKey } from "./key";
import { unreadableSecrets } from "./rotate";
import { setVaultClient, VaultClient, vaultOptionsOf } from "./vault";

export class SecretsStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsStartupError";
  }
}

export async function prepareSecrets(config: PortalConfig, db: Db): Promise<{ key: SecretKey; source: string; created: boolean }> {
  const loaded = loadSecretKey(config); // throws SecretKeyError (malformed key, unreadable file)
  const unreadable = await unreadableSecrets(db, loaded.key);
  if (unreadable.length) {
    const keyIds = [...new Set(unreadable.map((u) => u.keyId ?? "unknown"))].join(", ");
    const rows = unreadable
      .slice(0, 5)
      .map((u) => u.where)
      .join(", ");
    throw new SecretsStartupError(
      `${unreadable.length} stored secret(s) cannot be decrypted with the secret key from ${loaded.source} (key id ${loaded.key.id}); they were encrypted with key ${keyIds}: ${rows}${unreadable.length > 5 ? ", …" : ""}.\n` +
        "Start with the key they were encrypted with (PORTAL_SECRET_KEY), or rotate with `npm run secrets:rotate`.",
    );
  }
  setSecretKey(loaded.key);
  const vault = vaultOptionsOf(config);
  setVaultClient(vault ? new VaultClient(vault) : null);
  return loaded;
}

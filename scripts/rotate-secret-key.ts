// `npm run secrets:rotate`: re-encrypts every stored secret with a new key in one transaction and
// proves it by decrypting them all before committing (server/secrets/README.md). With
// PORTAL_SECRET_KEY, the new key comes from PORTAL_NEW_SECRET_KEY; with the key file in the data
// folder, a new one is generated (secret.key.new until the commit, then secret.key). On the
// embedded database the portal must not be running (one process owns it). Never prints a key.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../server/config/env";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { createPrismaClient } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { generateSecretKeyText, loadSecretKey, parseSecretKey, SecretKeyError } from "../server/secrets/key";
import { rotateSecrets, RotationError } from "../server/secrets/rotate";

async function run(): Promise<void> {
  const config = loadConfig();
  const current = loadSecretKey(config);
  let newKeyText: string;
  let newKeyFile: string | null = null;
  if (config.PORTAL_SECRET_KEY) {
    if (!config.PORTAL_NEW_SECRET_KEY) throw new SecretKeyError("Set PORTAL_NEW_SECRET_KEY to the new key (e.g. `openssl rand -base64 32`) next to PORTAL_SECRET_KEY.");
    newKeyText = config.PORTAL_NEW_SECRET_KEY;
  } else {
    newKeyText = generateSecretKeyText();
    newKeyFile = path.join(config.dataDir, "secret.key.new");
    writeFileSync(newKeyFile, newKeyText + "\n", { mode: 0o600 });
  }
  const newKey = parseSecretKey(newKeyText, "PORTAL_NEW_SECRET_KEY");

  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.dataDir);
  const url = config.DATABASE_URL ?? embedded!.url;
  const db = createPrismaClient(url, 1);
  try {
    await migrate(url);
    const result = await rotateSecrets(db, current.key, newKey);
    console.log(
      `Rotated key ${current.key.id} → ${newKey.id}: ${result.reencrypted} secret(s) re-encrypted, ${result.verified} decrypted with the new key afterwards, ${result.vaultReferences} Vault reference(s) left as they are.`,
    );
    if (newKeyFile) {
      renameSync(newKeyFile, path.join(config.dataDir, "secret.key"));
      console.log(`The new key is in ${path.join(config.dataDir, "secret.key")}.`);
    } else {
      console.log("Now set PORTAL_SECRET_KEY to the value of PORTAL_NEW_SECRET_KEY on every replica and restart them.");
    }
  } catch (err) {
    if (newKeyFile) rmSync(newKeyFile, { force: true }); // nothing was changed: the current key stays
    throw err;
  } finally {
    await db.$disconnect().catch(() => {});
    await embedded?.stop();
  }
}

run().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof SecretKeyError || err instanceof RotationError;
  console.error(known ? (err as Error).message : `Key rotation failed: ${(err as Error).message}`);
  process.exit(1);
});

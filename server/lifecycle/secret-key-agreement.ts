// Every replica must encrypt stored secrets with the same key. The start-up proof in
// server/secrets/startup.ts catches a wrong key only once some secret is stored; this catches it
// on an empty database too: the first replica records its key's id (a fingerprint, never the
// key) in portal_settings, and a replica whose key has another id refuses to start.
import type { Db } from "../db/client";
import { isEncryptedSecret, secretKeyIdOf } from "../secrets/crypto";
import { presentSecretColumns } from "../secrets/rotate";

const SETTING = "secrets.key_id";

export class SecretKeyMismatchError extends Error {
  constructor(ours: string, theirs: string) {
    super(
      `This replica's secret key (id ${ours}) differs from the one the other replicas use (id ${theirs}).\n` +
        "Give every replica the same PORTAL_SECRET_KEY (one Kubernetes Secret). After a rotation with `npm run secrets:rotate` the new id is recorded by the first replica that starts with it.",
    );
    this.name = "SecretKeyMismatchError";
  }
}

/**
 * Records `keyId` when no replica has yet, else requires it to equal the recorded one. A rotated
 * key is accepted when the database proves the rotation (a stored secret encrypted with it;
 * prepareSecrets has already shown every stored secret reads with it), and the recorded id moves on.
 */
export async function agreeOnSecretKey(client: Db, keyId: string): Promise<void> {
  await client.$executeRaw`INSERT INTO portal_settings (key, value) VALUES (${SETTING}, to_jsonb(${keyId}::text)) ON CONFLICT (key) DO NOTHING`;
  const row = await client.portalSetting.findUniqueOrThrow({ where: { key: SETTING } });
  const recorded = String(row.value);
  if (recorded === keyId) return;
  if (await hasSecretsUnder(client, keyId)) {
    await client.$executeRaw`UPDATE portal_settings SET value = to_jsonb(${keyId}::text) WHERE key = ${SETTING} AND value = to_jsonb(${recorded}::text)`;
    return;
  }
  throw new SecretKeyMismatchError(keyId, recorded);
}

async function hasSecretsUnder(client: Db, keyId: string): Promise<boolean> {
  for (const c of await presentSecretColumns(client)) {
    // Table and column names come from SECRET_COLUMNS (constants), never from input.
    const rows = await client.$queryRawUnsafe<{ value: string }[]>(`SELECT "${c.column}" AS value FROM "${c.table}" WHERE "${c.column}" IS NOT NULL AND "${c.column}" <> ''`);
    if (rows.some((r) => isEncryptedSecret(r.value) && secretKeyIdOf(r.value) === keyId)) return true;
  }
  return false;
}

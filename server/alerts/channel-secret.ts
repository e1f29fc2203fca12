// A JSON channel's HMAC signing secret at rest: encrypted through server/secrets (or kept as a
// Vault reference), listed in SECRET_COLUMNS so a key rotation re-encrypts it, and never sent to
// the browser (lists say only whether one is set). Channels saved before encryption hold the
// secret as typed: such a row is encrypted the first time it is read to sign a message, and the
// lease holder's tick encrypts any left (encryptLegacyChannelSecrets), so plaintext does not
// linger. A row is rewritten only if it still holds what was read (two replicas may race).
import type { Db } from "../db/client";
import { isEncryptedSecret, isVaultReference, resolveSecret, storedSecretOf } from "../secrets";

/** A stored value from before encryption at rest: neither encrypted nor a Vault reference. */
export const isLegacyPlaintext = (stored: string) => !isEncryptedSecret(stored) && !isVaultReference(stored);

/** What to store for a secret an editor typed. */
export const storedChannelSecret = (typed: string) => storedSecretOf(typed);

/** The secret to sign with, encrypting a legacy row on the way. */
export async function channelSigningSecret(db: Db, channel: { id: string; secret: string | null }): Promise<string | null> {
  if (!channel.secret) return null;
  if (!isLegacyPlaintext(channel.secret)) return resolveSecret(channel.secret);
  await db.alertChannel.updateMany({ where: { id: channel.id, secret: channel.secret }, data: { secret: storedChannelSecret(channel.secret) } });
  return channel.secret;
}

/** Encrypts every channel secret still stored as typed; the number of rows it encrypted. */
export async function encryptLegacyChannelSecrets(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; secret: string }[]>`
    SELECT id::text, secret FROM alert_channels WHERE secret IS NOT NULL AND secret NOT LIKE 'enc:v1:%' AND secret NOT LIKE 'vault:%'`;
  let encrypted = 0;
  for (const row of rows) {
    if (!isLegacyPlaintext(row.secret)) continue;
    const done = await db.alertChannel.updateMany({ where: { id: row.id, secret: row.secret }, data: { secret: storedChannelSecret(row.secret) } });
    encrypted += done.count;
  }
  return encrypted;
}

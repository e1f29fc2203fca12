// Key rotation: every stored secret (./columns.ts) is decrypted with the old key and encrypted
// with the new one in ONE transaction, which then reads every secret back and decrypts it with the
// new key before committing — so either all secrets move to the new key, provably readable, or
// nothing changes. Vault references are left as they are (Vault holds those values).
import type { Db } from "../db/client";
import { recordAudit, type AuditActor } from "../audit/audit";
import { decryptSecret, encryptSecret, isEncryptedSecret, secretKeyIdOf } from "./crypto";
import { SECRET_COLUMNS, type SecretColumn } from "./columns";
import type { SecretKey } from "./key";

export type RotationResult = { reencrypted: number; alreadyNew: number; verified: number; vaultReferences: number; columns: string[] };

export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RotationError";
  }
}

type Row = { id: unknown; value: string | null };

function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  return `"${name}"`;
}

async function rowsOf(tx: Pick<Db, "$queryRawUnsafe">, c: SecretColumn): Promise<Row[]> {
  return tx.$queryRawUnsafe<Row[]>(
    `SELECT ${quoted(c.id)} AS id, ${quoted(c.column)} AS value FROM ${quoted(c.table)} WHERE ${quoted(c.column)} IS NOT NULL AND ${quoted(c.column)} <> ''`,
  );
}

/** Columns of SECRET_COLUMNS whose table exists in this database (a module's migration may not be applied yet). */
export async function presentSecretColumns(client: Pick<Db, "$queryRawUnsafe">, columns: readonly SecretColumn[] = SECRET_COLUMNS): Promise<SecretColumn[]> {
  const present: SecretColumn[] = [];
  for (const c of columns) {
    const found = await client.$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2",
      c.table,
      c.column,
    );
    if (found[0]?.n) present.push(c);
  }
  return present;
}

export async function rotateSecrets(
  db: Db,
  oldKey: SecretKey,
  newKey: SecretKey,
  options: { actor?: AuditActor; columns?: readonly SecretColumn[] } = {},
): Promise<RotationResult> {
  if (oldKey.id === newKey.id) throw new RotationError("The new key is the same as the current key.");
  const columns = await presentSecretColumns(db, options.columns);
  return db.$transaction(
    async (tx) => {
      const result: RotationResult = { reencrypted: 0, alreadyNew: 0, verified: 0, vaultReferences: 0, columns: columns.map((c) => `${c.table}.${c.column}`) };
      for (const c of columns) {
        for (const row of await rowsOf(tx, c)) {
          const stored = row.value!;
          if (!isEncryptedSecret(stored)) {
            result.vaultReferences++;
            continue;
          }
          const where = `${c.table}.${c.column} (row ${String(row.id)})`;
          if (secretKeyIdOf(stored) === newKey.id) {
            result.alreadyNew++;
            continue;
          }
          let plaintext: string;
          try {
            plaintext = decryptSecret(stored, oldKey);
          } catch (err) {
            throw new RotationError(`Cannot decrypt ${where} with the current key (${(err as Error).message}); nothing was changed.`);
          }
          await tx.$executeRawUnsafe(`UPDATE ${quoted(c.table)} SET ${quoted(c.column)} = $1 WHERE ${quoted(c.id)} = $2`, encryptSecret(plaintext, newKey), row.id);
          result.reencrypted++;
        }
      }
      // The proof, inside the same transaction: every secret now decrypts with the new key.
      for (const c of columns) {
        for (const row of await rowsOf(tx, c)) {
          if (!isEncryptedSecret(row.value!)) continue;
          try {
            decryptSecret(row.value!, newKey);
          } catch (err) {
            throw new RotationError(
              `After re-encryption ${c.table}.${c.column} (row ${String(row.id)}) does not decrypt with the new key (${(err as Error).message}); nothing was changed.`,
            );
          }
          result.verified++;
        }
      }
      await recordAudit(tx, {
        actor: options.actor ?? null,
        action: "secrets.rotated",
        subject: `key ${oldKey.id} → ${newKey.id}`,
        outcome: "success",
        details: { oldKeyId: oldKey.id, newKeyId: newKey.id, reencrypted: result.reencrypted, verified: result.verified, vaultReferences: result.vaultReferences },
      });
      return result;
    },
    { timeout: 120_000 },
  );
}

/** Stored secrets that do not decrypt with `key` (the start-up check); never their values. */
export async function unreadableSecrets(db: Pick<Db, "$queryRawUnsafe">, key: SecretKey, columns?: readonly SecretColumn[]): Promise<{ where: string; keyId: string | null }[]> {
  const problems: { where: string; keyId: string | null }[] = [];
  for (const c of await presentSecretColumns(db, columns)) {
    for (const row of await rowsOf(db, c)) {
      if (!isEncryptedSecret(row.value!)) continue;
      try {
        decryptSecret(row.value!, key);
      } catch {
        problems.push({ where: `${c.table}.${c.column} (row ${String(row.id)})`, keyId: secretKeyIdOf(row.value!) });
      }
    }
  }
  return problems;
}

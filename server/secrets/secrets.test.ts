// Secrets at rest: what the portal relies on — a round trip, a wrong or malformed key refused by
// name (never echoed), the key file created private, Vault references read over Vault's HTTP API,
// and a rotation that moves every secret or none.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeOnDatabases } from "../testing/describe-on-databases";
import {
  decryptSecret,
  encryptSecret,
  generateSecretKeyText,
  loadSecretKey,
  parseSecretKey,
  resolveSecret,
  SecretDecryptError,
  SecretKeyError,
  setSecretKey,
  storedSecretOf,
  VaultClient,
  VaultError,
} from ".";
import { rotateSecrets, RotationError, unreadableSecrets } from "./rotate";
import { startFakeVault, type FakeVault } from "./testing/vault-server";

const keyA = parseSecretKey(generateSecretKeyText());
const keyB = parseSecretKey(generateSecretKeyText());

describe("encryption", () => {
  it("round-trips text, with a fresh nonce each time and no plaintext in the stored text", () => {
    const one = encryptSecret("s3cr3t-pässword", keyA);
    const two = encryptSecret("s3cr3t-pässword", keyA);
    expect(one).not.toBe(two);
    expect(one).toMatch(new RegExp(`^enc:v1:${keyA.id}:`));
    expect(one).not.toContain("s3cr3t");
    expect(decryptSecret(one, keyA)).toBe("s3cr3t-pässword");
    expect(decryptSecret(encryptSecret("", keyA), keyA)).toBe("");
  });

  it("refuses another key by its id, and altered text", () => {
    const stored = encryptSecret("value", keyA);
    expect(() => decryptSecret(stored, keyB)).toThrow(SecretDecryptError);
    expect(() => decryptSecret(stored, keyB)).toThrow(`encrypted with key ${keyA.id}, but the portal's key is ${keyB.id}`);
    const tampered = stored.slice(0, -3) + (stored.endsWith("AAA") ? "BBB" : "AAA");
    expect(() => decryptSecret(tampered, keyA)).toThrow(SecretDecryptError);
    expect(() => decryptSecret("plain text", keyA)).toThrow("not an encrypted secret");
  });

  it("uses the installed key by default", () => {
    setSecretKey(keyA);
    try {
      expect(decryptSecret(encryptSecret("x"), keyA)).toBe("x");
    } finally {
      setSecretKey(undefined);
    }
  });
});

describe("keys", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "portal-secret-key-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts base64 and hex keys of 32 bytes and refuses anything else without echoing it", () => {
    const text = generateSecretKeyText();
    expect(parseSecretKey(text).id).toBe(parseSecretKey(Buffer.from(text, "base64").toString("hex")).id);
    for (const bad of ["short", "x".repeat(44), Buffer.alloc(16).toString("base64"), "zz".repeat(32)]) {
      const err = (() => {
        try {
          parseSecretKey(bad);
        } catch (e) {
          return e as Error;
        }
        throw new Error("accepted");
      })();
      expect(err).toBeInstanceOf(SecretKeyError);
      expect(err.message).toContain("PORTAL_SECRET_KEY is not a valid key");
      expect(err.message).not.toContain(bad);
    }
  });

  it("creates the key file with mode 0600 once and reads it back afterwards", () => {
    const first = loadSecretKey({ dataDir: dir });
    expect(first.created).toBe(true);
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    const again = loadSecretKey({ dataDir: dir });
    expect(again.created).toBe(false);
    expect(again.key.id).toBe(first.key.id);
    // PORTAL_SECRET_KEY wins over the file.
    expect(loadSecretKey({ dataDir: dir, PORTAL_SECRET_KEY: readFileSync(path.join(dir, "secret.key"), "utf8").trim() }).source).toBe("PORTAL_SECRET_KEY");
    writeFileSync(path.join(dir, "secret.key"), "garbage");
    expect(() => loadSecretKey({ dataDir: dir })).toThrow(/secret key file .* is not a valid key/);
  });
});

describe("Vault KV v2", () => {
  let vault: FakeVault;
  beforeAll(async () => {
    vault = await startFakeVault();
    vault.secrets.set("secret/portal/trino", { password: "from-vault", other: 1 });
    vault.tokens.add("root-token");
    vault.kubernetes.roles.set("portal", "service-account-jwt");
  });
  afterAll(() => vault.close());

  it("reads a field with a token", async () => {
    const client = new VaultClient({ addr: vault.url, auth: { kind: "token", token: "root-token" } });
    expect(await resolveSecret("vault:secret/portal/trino#password", client)).toBe("from-vault");
  });

  it("logs in with Kubernetes auth once and reuses the token", async () => {
    const client = new VaultClient({ addr: vault.url, auth: { kind: "kubernetes", role: "portal", mount: "kubernetes", jwt: () => "service-account-jwt\n" } });
    const before = vault.logins;
    expect(await resolveSecret("vault:secret/portal/trino#password", client)).toBe("from-vault");
    expect(await resolveSecret("vault:secret/portal/trino#password", client)).toBe("from-vault");
    expect(vault.logins - before).toBe(1);
  });

  it("names what failed: bad login, no permission, missing secret or field, unreachable Vault", async () => {
    const k8s = new VaultClient({ addr: vault.url, auth: { kind: "kubernetes", role: "portal", mount: "kubernetes", jwt: () => "wrong" } });
    await expect(resolveSecret("vault:secret/portal/trino#password", k8s)).rejects.toThrow("Vault's Kubernetes login (role portal) failed with 403: permission denied");
    const bad = new VaultClient({ addr: vault.url, auth: { kind: "token", token: "nope" } });
    await expect(resolveSecret("vault:secret/portal/trino#password", bad)).rejects.toThrow("permission denied");
    const good = new VaultClient({ addr: vault.url, auth: { kind: "token", token: "root-token" } });
    await expect(resolveSecret("vault:secret/portal/none#password", good)).rejects.toThrow("Vault has no secret secret/portal/none");
    await expect(resolveSecret("vault:secret/portal/trino#missing", good)).rejects.toThrow("has no text field “missing”");
    await expect(resolveSecret("vault:secret/portal/trino#other", good)).rejects.toThrow("has no text field “other”");
    await expect(resolveSecret("vault:nothing", good)).rejects.toThrow(VaultError);
    await expect(resolveSecret("vault:secret/x#y", null)).rejects.toThrow("VAULT_ADDR is not set");
    const closed = await startFakeVault();
    await closed.close(); // a port where nothing listens now
    const down = new VaultClient({ addr: closed.url, auth: { kind: "token", token: "t" } });
    await expect(resolveSecret("vault:secret/portal/trino#password", down)).rejects.toThrow(`Cannot reach Vault at ${closed.url}: ECONNREFUSED`);
  });

  it("stores a Vault reference as it is and anything else encrypted", () => {
    setSecretKey(keyA);
    try {
      expect(storedSecretOf("vault:secret/portal/trino#password")).toBe("vault:secret/portal/trino#password");
      expect(storedSecretOf("plain")).toMatch(/^enc:v1:/);
      expect(() => storedSecretOf("vault:bad")).toThrow(VaultError);
    } finally {
      setSecretKey(undefined);
    }
  });
});

await describeOnDatabases("key rotation on $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  const columns = [
    { table: "rotation_test_a", id: "id", column: "secret" },
    { table: "rotation_test_b", id: "id", column: "token" },
  ];
  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    await database.db.$executeRawUnsafe("CREATE TABLE rotation_test_a (id text PRIMARY KEY, secret text)");
    await database.db.$executeRawUnsafe("CREATE TABLE rotation_test_b (id int PRIMARY KEY, token text)");
  });
  afterAll(() => database?.close());
  afterEach(async () => {
    if (skip) return;
    await database.db.$executeRawUnsafe("TRUNCATE rotation_test_a, rotation_test_b, audit_events");
  });
  const values = async () => {
    const a = await database.db.$queryRawUnsafe<{ id: string; secret: string | null }[]>("SELECT id, secret FROM rotation_test_a ORDER BY id");
    const b = await database.db.$queryRawUnsafe<{ id: number; token: string | null }[]>("SELECT id, token FROM rotation_test_b ORDER BY id");
    return [...a.map((r) => r.secret), ...b.map((r) => r.token)];
  };

  it.skipIf(skip)("re-encrypts every secret, proves it, refuses the old key afterwards, and audits it", async () => {
    const db = database.db;
    await db.$executeRawUnsafe(
      "INSERT INTO rotation_test_a VALUES ('one', $1), ('two', $2), ('vault', 'vault:secret/x#y'), ('none', NULL)",
      encryptSecret("alpha", keyA),
      encryptSecret("beta", keyA),
    );
    await db.$executeRawUnsafe("INSERT INTO rotation_test_b VALUES (1, $1)", encryptSecret("gamma", keyA));
    const result = await rotateSecrets(db, keyA, keyB, { columns });
    expect(result).toMatchObject({ reencrypted: 3, verified: 3, vaultReferences: 1 });
    const after = (await values()).filter((v): v is string => v !== null && v.startsWith("enc:"));
    expect(after.map((v) => decryptSecret(v, keyB)).sort()).toEqual(["alpha", "beta", "gamma"]);
    for (const v of after) expect(() => decryptSecret(v, keyA)).toThrow(SecretDecryptError);
    expect(await unreadableSecrets(db, keyB, columns)).toEqual([]);
    expect((await unreadableSecrets(db, keyA, columns)).length).toBe(3);
    const audit = await db.auditEvent.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "secrets.rotated", outcome: "success" });
    expect(JSON.stringify({ ...audit[0], id: String(audit[0]!.id) })).not.toMatch(/alpha|beta|gamma/);
  });

  it.skipIf(skip)("changes nothing when one secret does not decrypt with the current key", async () => {
    const db = database.db;
    await db.$executeRawUnsafe("INSERT INTO rotation_test_a VALUES ('one', $1), ('stray', $2)", encryptSecret("alpha", keyA), encryptSecret("other", keyB));
    const before = await values();
    const third = parseSecretKey(generateSecretKeyText());
    await expect(rotateSecrets(db, keyA, third, { columns })).rejects.toThrow(RotationError);
    await expect(rotateSecrets(db, keyA, third, { columns })).rejects.toThrow("rotation_test_a.secret (row stray)");
    expect(await values()).toEqual(before);
    expect(await db.auditEvent.count()).toBe(0);
  });
});

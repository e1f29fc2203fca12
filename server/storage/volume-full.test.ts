// Uploads to the embedded default's lake when its volume is full: a real 2 MiB tmpfs is mounted
// under the local object store (this needs root, as on the development and CI machines; elsewhere
// the suite is skipped and says why). A file larger than the free space is refused with a 503
// that says the storage is full, nothing of it is kept (no object, no temporary file: the space
// comes back, so a small upload right after succeeds), a file it was replacing is unchanged, and
// the attempt is audited.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import { uploadObject } from "./changes";
import { LocalObjectStore } from "./local-store";
import type { CurrentUser } from "../auth/current-user";

const MiB = 1024 * 1024;
const volume = mkdtempSync(path.join(os.tmpdir(), "P-full-volume-"));

function mountSmallVolume(): string | null {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", volume], { stdio: "pipe" });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here (${(err as Error).message.split("\n")[0]}): the full-volume tests need root`;
  }
}
const cannotMount = mountSmallVolume();
if (cannotMount) console.warn(`volume-full.test.ts skipped: ${cannotMount}`);

const bytes = (size: number, fill: number) => new Uint8Array(size).fill(fill);
const streamOf = (data: Uint8Array) => new Response(data).body!;

describe.skipIf(cannotMount !== null)("uploads to a full storage volume", () => {
  let database: TestDatabase;
  let store: LocalObjectStore;
  let editor: CurrentUser;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    store = new LocalObjectStore({ root: volume, signingSecret: () => "volume-full-test-secret-0123456789abcdef" });
    await store.init(["raw"]);
    editor = await createTestUser(database.db, "full-volume@example.com", "editor");
  });
  afterAll(async () => {
    await database?.close();
    execFileSync("umount", [volume]);
    rmSync(volume, { recursive: true, force: true });
  });

  const upload = (key: string, data: Uint8Array, overwrite = false) =>
    uploadObject({ ctx: { user: editor, ip: "203.0.113.7", db: database.db }, input: { bucket: "raw", key, overwrite }, body: streamOf(data) }, store);
  const temporaryFiles = () => readdirSync(path.join(volume, ".tmp"));

  it("refuses a file larger than the free space with a 503 saying so, keeping nothing of it", async () => {
    const err = await domainErrorOf(upload("big.bin", bytes(3 * MiB, 1)));
    expect(err.code).toBe("SERVICE_UNAVAILABLE"); // 503 through withAuth and tRPC
    expect(err.message).toBe(
      `The portal's storage is full: "big.bin" was not stored in bucket raw, and nothing of it was kept. Ask an administrator to free space or enlarge the data volume, then try again.`,
    );
    expect((await store.list("raw")).objects).toEqual([]);
    expect(temporaryFiles()).toEqual([]);
    const audited = await database.db.auditEvent.findMany({ where: { action: "storage.uploaded" } });
    expect(audited.map((a) => [a.subject, a.outcome])).toEqual([["s3://raw/big.bin", "failure"]]);
  });

  it("leaves the file it was replacing as it was, and takes a small upload right after (the space came back)", async () => {
    const original = bytes(64 * 1024, 2);
    await upload("report.csv", original);
    const before = await store.head("raw", "report.csv");

    const err = await domainErrorOf(upload("report.csv", bytes(3 * MiB, 3), true));
    expect(err.message).toContain("(the file already there is unchanged)");
    const after = await store.head("raw", "report.csv");
    expect([after.size, after.etag]).toEqual([before.size, before.etag]);
    const body = new Uint8Array(await new Response((await store.get("raw", "report.csv")).body).arrayBuffer());
    expect(Buffer.from(body).equals(Buffer.from(original))).toBe(true);
    expect(temporaryFiles()).toEqual([]);

    await upload("small.csv", bytes(256 * 1024, 4));
    expect((await store.head("raw", "small.csv")).size).toBe(256 * 1024);
  });
});

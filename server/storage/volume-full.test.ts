// The embedded default's data volume fills up. Real tmpfs volumes are mounted (this needs root, as
// on the development and CI machines; elsewhere the suites are skipped and say why).
// - Under the local object store (the lake): a file larger than the free space is refused with a
//   503 that says the storage is full, nothing of it is kept (no object, no temporary file: the
//   space comes back, so a small upload right after succeeds), a file it was replacing is
//   unchanged, and the attempt is audited.
// - Under the embedded PGlite: a workbench draft saved through tRPC gets a 503 saying the
//   database is full (not "something went wrong"), nothing of it is stored, the database keeps
//   answering, and the same save succeeds once space is freed.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import { uploadObject } from "./changes";
import { LocalObjectStore } from "./local-store";
import type { CurrentUser } from "../auth/current-user";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../api/root";
import { createPrismaClient, db, setDb, type Db } from "../db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../db/embedded";
import { migrate } from "../db/migrate";
import { seedPgliteDataDir } from "../testing/databases";
import { DATABASE_VOLUME_FULL_MESSAGE } from "./volume-full";
import { errorResponse } from "../http/with-auth";

const MiB = 1024 * 1024;
const volume = mkdtempSync(path.join(os.tmpdir(), "P-full-volume-"));
const databaseVolume = mkdtempSync(path.join(os.tmpdir(), "P-full-db-volume-"));

function mountSmallVolumes(): string | null {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", volume], { stdio: "pipe" });
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=96m", "tmpfs", databaseVolume], { stdio: "pipe" });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here (${(err as Error).message.split("\n")[0]}): the full-volume tests need root`;
  }
}
const cannotMount = mountSmallVolumes();
// At the top level: a describe's own afterAll does not run when a filter skips all its tests.
afterAll(() => {
  for (const dir of [volume, databaseVolume]) {
    try {
      execFileSync("umount", [dir], { stdio: "pipe" });
    } catch {
      // not mounted (the mount failed, and the suites were skipped)
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
if (cannotMount) console.warn(`volume-full.test.ts skipped: ${cannotMount}`);

const bytes = (size: number, fill: number): Uint8Array<ArrayBuffer> => new Uint8Array(size).fill(fill);
const streamOf = (data: Uint8Array<ArrayBuffer>) => new Response(data).body!;

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
  });

  const upload = (key: string, data: Uint8Array<ArrayBuffer>, overwrite = false) =>
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

/** Fills the volume with one file until it is full; returns the file's path. */
function fillVolume(dir: string): string {
  const filler = path.join(dir, "filler");
  const fd = openSync(filler, "w");
  const block = new Uint8Array(MiB).fill(9);
  try {
    for (;;) writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.skipIf(cannotMount !== null)("the embedded database on a full data volume", () => {
  let embedded: EmbeddedPostgres;
  let prisma: Db;
  let user: CurrentUser;

  beforeAll(async () => {
    await seedPgliteDataDir(databaseVolume);
    embedded = await startEmbeddedPostgres(databaseVolume);
    await migrate(embedded.url);
    prisma = createPrismaClient(embedded.url, 1);
    setDb(prisma);
    user = await createTestUser(prisma, "full-database@example.com", "editor");
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await embedded?.stop();
  });

  /** The workbench's autosave of one draft, as the browser sends it through tRPC. */
  async function saveDraft(tabId: string, sql: string) {
    const body = JSON.stringify({
      json: {
        writer: randomUUID(),
        changes: [
          { id: tabId, baseRevision: null, title: "Draft", sql, engineId: null, catalog: null, schema: null, limit: 1000, savedQueryId: null, savedVersion: null, keptRunId: null },
        ],
      },
    });
    const req = new Request("http://portal.test/api/trpc/sql.tabs.sync", { method: "POST", body, headers: { "content-type": "application/json" } });
    const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => ({ user, ip: null, db: db() }) });
    return { status: res.status, body: (await res.json()) as { error?: { json: { message: string } } } };
  }

  it("answers a workbench save with 503 saying the database is full, keeps nothing of it, and saves it once space is freed", async () => {
    const tabId = randomUUID();
    const sql = `SELECT '${randomBytes(400_000).toString("hex")}'`; // 800 KB that do not compress away
    const filler = fillVolume(databaseVolume);

    const refused = await saveDraft(tabId, sql);
    expect(refused.status).toBe(503);
    expect(refused.body.error?.json.message).toBe(DATABASE_VOLUME_FULL_MESSAGE);
    expect(await prisma.workbenchTab.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1); // still answering
    // Route handlers (withAuth) answer the same for the same failure.
    const failure = await prisma.$executeRawUnsafe("CREATE TABLE big_rows AS SELECT md5(random()::text) AS v FROM generate_series(1, 200000)").then(
      () => null,
      (err: unknown) => err,
    );
    const answer = errorResponse(failure, new Request("http://portal.test/api/v1/lineage", { method: "POST" }));
    expect([answer.status, await answer.json()]).toEqual([503, { error: DATABASE_VOLUME_FULL_MESSAGE }]);

    rmSync(filler);
    const saved = await saveDraft(tabId, sql);
    expect(saved.status).toBe(200);
    expect((await prisma.workbenchTab.findMany({ where: { userId: user.id }, select: { id: true } })).map((t) => t.id)).toEqual([tabId]);
  });
});

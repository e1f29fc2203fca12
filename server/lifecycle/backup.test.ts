// Backup and restore of the embedded default, round trip: users, saved queries, catalog,
// lineage (with a bigint-keyed table whose sequence must continue), stored secrets' key and lake
// files come back identical in a new data folder; an incomplete backup is refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { readManifest, restoreBackup, snapshotDatabase, writeBackup } from "./backup";

const folders: string[] = [];
const folder = (label: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `portal-backup-${label}-`));
  folders.push(dir);
  return dir;
};

describe("backup and restore of the embedded default", () => {
  let source: TestDatabase;
  let restored: TestDatabase;
  beforeAll(async () => {
    [source, restored] = await Promise.all([createTestDatabase("pglite"), createTestDatabase("pglite")]);
  });
  afterAll(async () => {
    await source?.close();
    await restored?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it("brings back users, saved queries, catalog, lineage and files exactly", async () => {
    const db = source.db;
    const user = await db.user.create({ data: { email: "ana@example.com", name: "Ana", passwordHash: "hash", role: "editor" } });
    await db.savedQuery.create({ data: { ownerId: user.id, name: "Daily flights", engineId: "duckdb", sql: "SELECT 1", description: "ünïcode ✓" } });
    await db.catalogDataset.create({
      data: { engineId: "duckdb", catalog: "lakehouse", schema: "main", name: "flights", kind: "TABLE", columnsHash: "h", owners: ["ana@example.com"], tags: ["pii"] },
    });
    for (let i = 0; i < 3; i++) {
      await db.lineageRawEvent.create({
        data: {
          eventHash: `hash-${i}`,
          eventKind: "run",
          eventType: "START",
          eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
          producer: "test",
          specVersion: "2-0-2",
          payload: { n: i, nested: { ok: true } },
        },
      });
    }
    const dataDir = folder("data");
    writeFileSync(path.join(dataDir, "secret.key"), "key-file-content");
    writeFileSync(path.join(dataDir, "lakehouse.duckdb"), Buffer.from([1, 2, 3]));
    mkdirSync(path.join(dataDir, "lake/raw/a"), { recursive: true });
    writeFileSync(path.join(dataDir, "lake/raw/a/b.csv"), "x,y\n1,2\n");

    const target = path.join(folder("backups"), "b1");
    const manifest = await writeBackup({ db, dataDir, target });
    expect(manifest.tables).toMatchObject({ users: 1, saved_queries: 1, catalog_datasets: 1, lineage_raw_events: 3 });
    expect(readManifest(target).files).toEqual(["secret.key", "lakehouse.duckdb"]);

    const newDir = folder("restored");
    await restoreBackup({ db: restored.db, dataDir: newDir, source: target });

    const before = await snapshotDatabase(db);
    const after = await snapshotDatabase(restored.db);
    delete before._prisma_migrations;
    delete after._prisma_migrations;
    expect(after).toEqual(before);
    expect(readFileSync(path.join(newDir, "secret.key"), "utf8")).toBe("key-file-content");
    expect(readFileSync(path.join(newDir, "lake/raw/a/b.csv"), "utf8")).toBe("x,y\n1,2\n");
    expect([...readFileSync(path.join(newDir, "lakehouse.duckdb"))]).toEqual([1, 2, 3]);
    // New rows get new ids after the restored ones (sequences continued).
    const next = await restored.db.lineageRawEvent.create({
      data: { eventHash: "hash-new", eventKind: "run", eventTime: new Date(), producer: "t", specVersion: "2-0-2", payload: {} },
    });
    const maxBefore = (before.lineage_raw_events as { id: number }[]).reduce((m, r) => Math.max(m, Number(r.id)), 0);
    expect(Number(next.id)).toBeGreaterThan(maxBefore);
  });

  it("refuses a folder without a manifest, and a non-empty backup target", async () => {
    const incomplete = folder("incomplete");
    writeFileSync(path.join(incomplete, "database.json"), "{}");
    await expect(restoreBackup({ db: restored.db, dataDir: folder("x"), source: incomplete })).rejects.toThrow(/not a complete backup/);
    await expect(writeBackup({ db: source.db, dataDir: folder("d"), target: incomplete })).rejects.toThrow(/is not empty/);
  });
});

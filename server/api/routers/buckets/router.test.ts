// buckets.* through tRPC, as pages call it: a real local object store with the demo files, a
// real (PGlite) database for the audit log, and bucket rules from PORTAL_BUCKET_ACCESS.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCaller } from "../../root";
import { createTestDatabase, type TestDatabase } from "../../../testing/databases";
import { LocalObjectStore } from "../../../storage/local-store";
import { setObjectStore } from "../../../storage";
import { seedDemoFiles } from "../../../storage/seed";
import { uploadObject } from "../../../storage/changes";
import type { Role } from "../../../../lib/auth/roles";

// Before any import: the logger reads the configuration when it is imported.
const previousAccess = vi.hoisted(() => {
  const previous = process.env.PORTAL_BUCKET_ACCESS;
  process.env.PORTAL_BUCKET_ACCESS = JSON.stringify({
    raw: { read: "viewer", write: "editor" },
    archive: { read: "viewer", write: "none" },
    curated: { read: "editor", write: "admin" },
    secret: { read: "none", write: "none" },
    "*": { read: "viewer", write: "editor" },
  });
  return previous;
});

const caller = createCaller;
const users: Record<Role, { id: string; email: string; name: string; role: Role }> = {
  viewer: { id: "00000000-0000-4000-8000-000000000001", email: "viewer@example.com", name: "Vera", role: "viewer" },
  editor: { id: "00000000-0000-4000-8000-000000000002", email: "editor@example.com", name: "Ed", role: "editor" },
  admin: { id: "00000000-0000-4000-8000-000000000003", email: "admin@example.com", name: "Ada", role: "admin" },
};
const as = (role: Role) => caller({ user: users[role], ip: "203.0.113.7", db: database.db }).buckets;

let database: TestDatabase;
let root: string;
let store: LocalObjectStore;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  root = mkdtempSync(path.join(os.tmpdir(), "portal-buckets-"));
  store = new LocalObjectStore({ root, signingSecret: () => "router-test-secret-router-test-secret-01" });
  await store.init(["raw", "staging", "curated", "archive", "secret"]);
  await seedDemoFiles(store);
  setObjectStore(store);
});

afterAll(async () => {
  setObjectStore(undefined);
  await database?.close();
  rmSync(root, { recursive: true, force: true });
  if (previousAccess === undefined) delete process.env.PORTAL_BUCKET_ACCESS;
  else process.env.PORTAL_BUCKET_ACCESS = previousAccess;
});

async function auditRows(action: string) {
  return database.db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
}

describe("buckets.list", () => {
  it("shows each role the buckets it may read, and where it may write", async () => {
    const viewer = await as("viewer").list();
    expect(viewer.buckets.map((b) => [b.name, b.canWrite])).toEqual([
      ["archive", false],
      ["raw", false],
      ["staging", false],
    ]);
    const editor = await as("editor").list();
    expect(editor.buckets.map((b) => [b.name, b.canWrite])).toEqual([
      ["archive", false],
      ["curated", false],
      ["raw", true],
      ["staging", true],
    ]);
    const admin = await as("admin").list();
    expect(admin.buckets.map((b) => [b.name, b.canWrite])).toEqual([
      ["archive", false],
      ["curated", true],
      ["raw", true],
      ["staging", true],
    ]);
  });

  it("counts a bucket's objects and bytes", async () => {
    const summary = await as("viewer").summary({ bucket: "raw" });
    expect(summary).toMatchObject({ bucket: "raw", objects: 6, complete: true });
    expect(summary.bytes).toBeGreaterThan(13_000_000);
  });

  it("hides buckets nobody may read, and refuses those above the user's role", async () => {
    await expect(as("admin").objects({ bucket: "secret" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as("viewer").objects({ bucket: "curated" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("editor") });
    await expect(as("viewer").objects({ bucket: "nope-not-here" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses malformed input with a message naming the field", async () => {
    await expect(as("viewer").objects({ bucket: "Bad_Name" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("bucket") });
    await expect(as("viewer").objects({ bucket: "raw", prefix: "no-slash" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("prefix") });
  });
});

describe("buckets.objects", () => {
  beforeAll(async () => {
    const keys = Array.from({ length: 250 }, (_, i) => `many/file-${String(i).padStart(4, "0")}.txt`);
    for (const key of keys) await store.put("staging", key, new TextEncoder().encode(key));
    await store.put("staging", "many/sub/inner.txt", new TextEncoder().encode("x"));
  });

  it("lists a folder with its subfolders and files", async () => {
    const page = await as("viewer").objects({ bucket: "raw" });
    expect(page.folders.map((f) => f.name)).toEqual(["airports", "cars", "employment", "flights", "images", "weather"]);
    const flights = await as("viewer").objects({ bucket: "raw", prefix: "flights/" });
    expect(flights.objects).toEqual([expect.objectContaining({ key: "flights/flights-3m.parquet", name: "flights-3m.parquet", size: 13_493_022 })]);
  });

  it("pages through a large folder with cursors, never more than a page at a time", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof as>["objects"]>> = await as("viewer").objects({ bucket: "staging", prefix: "many/", pageSize: 100, cursor });
      expect(page.objects.length + page.folders.length).toBeLessThanOrEqual(100);
      seen.push(...page.objects.map((o) => o.name), ...page.folders.map((f) => `${f.name}/`));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
  });

  it("filters a folder by name prefix", async () => {
    const page = await as("viewer").objects({ bucket: "staging", prefix: "many/", filter: "file-012" });
    expect(page.objects.map((o) => o.name)).toEqual(Array.from({ length: 10 }, (_, i) => `file-012${i}.txt`));
  });
});

describe("buckets.object and buckets.preview", () => {
  it("details a Parquet file and offers a DuckDB query the embedded engine can run", async () => {
    const info = await as("viewer").object({ bucket: "raw", key: "flights/flights-3m.parquet" });
    expect(info).toMatchObject({ previewKind: "parquet", contentType: "application/vnd.apache.parquet", canWrite: false, url: "s3://raw/flights/flights-3m.parquet" });
    // The local folder is read by path: the embedded DuckDB has no httpfs offline.
    // By bucket and key (the embedded engine's sandbox resolves it to the lake file), not the server's folder.
    expect(info.query?.sql).toBe("SELECT * FROM read_parquet('s3://raw/flights/flights-3m.parquet') LIMIT 100");
    expect(info.query?.href).toBe(`/sql?query=${encodeURIComponent(info.query!.sql)}`);
  });

  it("previews a Parquet file's schema and first rows from a small part of it", async () => {
    const preview = await as("viewer").preview({ bucket: "raw", key: "flights/flights-3m.parquet" });
    if (preview.kind !== "parquet") throw new Error(`expected a parquet preview, got ${preview.kind}`);
    expect(preview.numRows).toBe(3_000_000);
    expect(preview.columns.map((c) => c.name)).toEqual(["date", "delay", "distance", "origin", "destination"]);
    // The demo file is ZSTD-compressed: its rows decode with hyparquet-compressors (pure JS).
    expect(preview.rowsError).toBeNull();
    expect(preview.rows).toHaveLength(50);
    expect(preview.rows[0]).toEqual(["2001-01-01T00:01:00Z", "33", "2176", "LAS", "PHL"]);
    expect(preview.bytesRead).toBeLessThan(13_493_022 / 10);
  });

  it("previews a CSV file as a table from its first 64 KB", async () => {
    const preview = await as("viewer").preview({ bucket: "raw", key: "airports/airports.csv" });
    if (preview.kind !== "table") throw new Error(`expected a table, got ${preview.kind}`);
    expect(preview.columns).toEqual(["iata", "name", "city", "state", "country", "latitude", "longitude"]);
    expect(preview.rows[0]).toEqual(["00M", "Thigpen", "Bay Springs", "MS", "USA", "31.95376472", "-89.23450472"]);
    expect(preview.truncated).toBe(true);
    expect(preview.bytesRead).toBe(64 * 1024);
  });

  it("previews TSV, JSON, NDJSON, text and images", async () => {
    const tsv = await as("viewer").preview({ bucket: "raw", key: "employment/unemployment.tsv" });
    expect(tsv).toMatchObject({ kind: "table", format: "tsv", columns: ["id", "rate"] });
    const json = await as("viewer").preview({ bucket: "raw", key: "cars/cars.json" });
    expect(json).toMatchObject({ kind: "json", parsed: true });
    await store.put("staging", "events/e.ndjson", new TextEncoder().encode('{"id":1,"tags":["a"]}\n{"id":2,"extra":true}\nnot json\n'));
    const ndjson = await as("viewer").preview({ bucket: "staging", key: "events/e.ndjson" });
    expect(ndjson).toMatchObject({
      kind: "table",
      format: "ndjson",
      columns: ["id", "tags", "extra"],
      rows: [
        ["1", '["a"]', null],
        ["2", null, "true"],
      ],
      problems: 1,
    });
    await store.put("staging", "notes/readme.md", new TextEncoder().encode("# Hello\nworld"));
    expect(await as("viewer").preview({ bucket: "staging", key: "notes/readme.md" })).toMatchObject({ kind: "text", text: "# Hello\nworld", truncated: false });
    const image = await as("viewer").preview({ bucket: "raw", key: "images/ffox.png" });
    expect(image).toMatchObject({ kind: "image", url: expect.stringContaining("/api/storage/signed?") });
  });

  it("says 404 for an object that does not exist", async () => {
    await expect(as("viewer").object({ bucket: "raw", key: "flights/nope.parquet" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("changes: folders, uploads and deletes", () => {
  it("lets editors create folders, not viewers", async () => {
    await expect(as("viewer").createFolder({ bucket: "staging", prefix: "", name: "new" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await as("editor").createFolder({ bucket: "staging", prefix: "", name: "new" })).toEqual({ prefix: "new/" });
    expect((await as("viewer").objects({ bucket: "staging" })).folders.map((f) => f.name)).toContain("new");
    await expect(as("editor").createFolder({ bucket: "staging", prefix: "", name: ".." })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("uploads for editors, audited; refuses to replace without being told to", async () => {
    const body = () => new Blob(["a,b\n1,2\n"]).stream();
    const result = await uploadObject({
      ctx: { user: users.editor, ip: "203.0.113.7", db: database.db },
      input: { bucket: "staging", key: "up/data.csv", contentType: "text/csv", overwrite: false },
      body: body(),
    });
    expect(result).toEqual({ bucket: "staging", key: "up/data.csv", size: 8 });
    await expect(
      uploadObject({ ctx: { user: users.editor, ip: null, db: database.db }, input: { bucket: "staging", key: "up/data.csv", overwrite: false }, body: body() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await uploadObject({ ctx: { user: users.editor, ip: null, db: database.db }, input: { bucket: "staging", key: "up/data.csv", overwrite: true }, body: body() });
    const rows = await auditRows("storage.uploaded");
    expect(rows[0]).toMatchObject({ actorEmail: "editor@example.com", subject: "s3://staging/up/data.csv", outcome: "success", ip: "203.0.113.7" });
    expect(rows[0]!.details).toMatchObject({ size: 8, contentType: "text/csv" });
  });

  it("refuses uploads from viewers and into read-only buckets, and audits the refusal", async () => {
    const body = new Blob(["x"]).stream();
    await expect(
      uploadObject({ ctx: { user: users.viewer, ip: null, db: database.db }, input: { bucket: "staging", key: "v.txt", overwrite: false }, body: body }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      uploadObject({ ctx: { user: users.admin, ip: null, db: database.db }, input: { bucket: "archive", key: "v.txt", overwrite: false }, body: new Blob(["x"]).stream() }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("read-only"),
    });
    const denied = (await auditRows("storage.uploaded")).filter((r) => r.outcome === "denied");
    expect(denied.map((r) => [r.actorEmail, r.subject])).toEqual([
      ["viewer@example.com", "s3://staging/v.txt"],
      ["admin@example.com", "s3://archive/v.txt"],
    ]);
  });

  it("tells the upload panel each writable bucket's size limit", async () => {
    expect(await as("editor").uploadLimit({ bucket: "raw" })).toEqual({ bucket: "raw", maxBytes: 5120 * 1024 * 1024 });
    await expect(as("viewer").uploadLimit({ bucket: "raw" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("admin").uploadLimit({ bucket: "archive" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("read-only") });
  });

  it("refuses a folder named with a right-to-left override through the API, naming the character", async () => {
    await expect(as("editor").createFolder({ bucket: "staging", prefix: "", name: "cod\u202Eexe.pdf" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'Folder names may not contain the invisible right-to-left override U+202E (in "cod[U+202E]exe.pdf/").',
    });
    expect((await as("editor").objects({ bucket: "staging" })).folders.map((f) => f.name)).not.toContain("cod\u202Eexe.pdf");
  });

  it("refuses upload keys that climb out of the bucket", async () => {
    await expect(
      uploadObject({ ctx: { user: users.editor, ip: null, db: database.db }, input: { bucket: "staging", key: "../escape.txt", overwrite: true }, body: new Blob(["x"]).stream() }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("states what a delete will remove, deletes it and audits it", async () => {
    for (let i = 0; i < 12; i++) await store.put("staging", `old/run-${i}/part.csv`, new TextEncoder().encode("1234567890"));
    await store.put("staging", "loose.txt", new TextEncoder().encode("12345"));
    const plan = await as("editor").deletePlan({ bucket: "staging", keys: ["loose.txt"], prefixes: ["old/"] });
    expect(plan).toMatchObject({ totalObjects: 13, totalBytes: 125, complete: true, folders: [{ prefix: "old/", objects: 12, bytes: 120, complete: true }] });

    await expect(as("viewer").delete({ bucket: "staging", keys: ["loose.txt"], prefixes: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const result = await as("editor").delete({ bucket: "staging", keys: ["loose.txt"], prefixes: ["old/"] });
    expect(result).toEqual({ deleted: 13, failed: [] });
    const page = await as("viewer").objects({ bucket: "staging" });
    expect(page.folders.map((f) => f.name)).not.toContain("old");
    expect(page.objects.map((o) => o.key)).not.toContain("loose.txt");

    const rows = await auditRows("storage.deleted");
    expect(rows.map((r) => [r.actorEmail, r.outcome])).toEqual([
      ["viewer@example.com", "denied"],
      ["editor@example.com", "success"],
    ]);
    expect(rows[1]!.details).toMatchObject({ bucket: "staging", keys: ["loose.txt"], prefixes: ["old/"], deleted: 13 });
  });

  it("refuses to delete a whole bucket through an empty folder name", async () => {
    await expect(as("editor").delete({ bucket: "staging", keys: [], prefixes: [""] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as("editor").delete({ bucket: "staging", keys: [], prefixes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

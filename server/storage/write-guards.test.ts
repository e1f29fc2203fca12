// What the bucket browser refuses to write, on both object-store adapters (local folder, S3 via
// s3rver) and both databases (for the audit log): uploads over the bucket's size limit — declared
// or discovered while streaming — and names with invisible bidirectional or control characters.
// Each case checks the message a person sees, that nothing was stored, and that the refusal is
// audited.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../testing/databases";
import { createTestUser, domainErrorOf } from "../testing/expectations";
import { createFolder, uploadObject } from "./changes";
import { LocalObjectStore } from "./local-store";
import { S3ObjectStore } from "./s3-store";
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from "./testing/s3-server";
import type { ObjectStore } from "./object-store";
import type { CurrentUser } from "../auth/current-user";

// Before any import reads the configuration: "small" takes 1 MB, everything else the default.
vi.hoisted(() => {
  process.env.PORTAL_BUCKET_ACCESS = JSON.stringify({ small: { read: "viewer", write: "editor", maxUploadMB: 1 }, "*": { read: "viewer", write: "editor" } });
  delete process.env.PORTAL_UPLOAD_MAX_MB;
});

const MB = 1024 * 1024;
const GB = 1024 * MB;
const BUCKETS = ["raw", "small"];

/** A body that records how much of it was read, producing `total` bytes in 256 KB chunks. */
function recordingBody(total: number) {
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(256 * 1024, total - read.bytes)).fill(7);
        read.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  ); // nothing is read before someone asks
  return { stream, read };
}

const text = (s: string) => new Response(s).body!;

/** Every refused character, with the words the message names it by (which also names the test). */
const HOSTILE_CHARACTERS: [string, string][] = [
  ["\u202A", "the invisible left-to-right embedding U+202A"],
  ["\u202B", "the invisible right-to-left embedding U+202B"],
  ["\u202C", "the invisible pop directional formatting U+202C"],
  ["\u202D", "the invisible left-to-right override U+202D"],
  ["\u202E", "the invisible right-to-left override U+202E"],
  ["\u2066", "the invisible left-to-right isolate U+2066"],
  ["\u2067", "the invisible right-to-left isolate U+2067"],
  ["\u2068", "the invisible first strong isolate U+2068"],
  ["\u2069", "the invisible pop directional isolate U+2069"],
  ["\u200E", "the invisible left-to-right mark U+200E"],
  ["\u200F", "the invisible right-to-left mark U+200F"],
  ["\u061C", "the invisible Arabic letter mark U+061C"],
  ["\u2028", "the invisible line separator U+2028"],
  ["\u0000", "the NUL character U+0000"],
  ["\t", "the control character U+0009 (tab)"],
  ["\n", "the control character U+000A (line feed)"],
  ["\r", "the control character U+000D (carriage return)"],
  ["\u001B", "the control character U+001B"],
  ["\u007F", "the control character U+007F"],
  ["\u0085", "the control character U+0085"],
  ["\u009B", "the control character U+009B"],
];

const available = await postgresAvailable();
const servers: TestS3Server[] = [];
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  roots.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

async function newStore(kind: "local" | "s3"): Promise<ObjectStore> {
  if (kind === "local") {
    const root = mkdtempSync(path.join(os.tmpdir(), "portal-guards-"));
    roots.push(root);
    const store = new LocalObjectStore({ root, signingSecret: () => "write-guards-test-secret-0123456789abcd" });
    await store.init(BUCKETS);
    return store;
  }
  const server = await startS3Server();
  servers.push(server);
  const store = new S3ObjectStore({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS, partSize: 5 * MB });
  for (const bucket of BUCKETS) await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return store;
}

describe.each([
  { adapter: "local" as const, database: "pglite" as const, skip: false },
  { adapter: "s3" as const, database: "postgres" as const, skip: !available },
  { adapter: "s3" as const, database: "pglite" as const, skip: available },
])("writes refused on the $adapter adapter (audit in $database)", ({ adapter, database: kind, skip }) => {
  let database: TestDatabase;
  let store: ObjectStore;
  let editor: CurrentUser;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    store = await newStore(adapter);
    editor = await createTestUser(database.db, `guards-${adapter}@example.com`, "editor");
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    if (!skip) await database.db.$executeRaw`TRUNCATE audit_events`;
  });

  async function stored(bucket: string) {
    const page = await store.list(bucket, {});
    return page.objects.map((o) => o.key);
  }

  async function deniedUploads() {
    const rows = await database.db.auditEvent.findMany({ where: { action: "storage.uploaded" } });
    return rows.map((r) => ({ outcome: r.outcome, subject: r.subject, reason: (r.details as { reason?: string } | null)?.reason }));
  }

  const upload = (bucket: string, key: string, body: ReadableStream<Uint8Array>, size?: number, overwrite = false) =>
    uploadObject({ ctx: { user: editor, ip: "203.0.113.9", db: database.db }, input: { bucket, key, size, overwrite }, body: body }, store);

  describe.skipIf(skip)("upload size limits", () => {
    it("refuses a declared 6.2 GB file for the 5 GB default without reading a byte of it", async () => {
      const body = recordingBody(10 * MB);
      const err = await domainErrorOf(upload("raw", "huge.bin", body.stream, Math.round(6.2 * GB)));
      expect([err.code, err.message]).toEqual(["PAYLOAD_TOO_LARGE", "This file is 6.2 GB; bucket raw accepts uploads up to 5 GB."]);
      expect(body.read.bytes).toBe(0);
      expect(await stored("raw")).toEqual([]);
      expect(await deniedUploads()).toEqual([{ outcome: "denied", subject: "s3://raw/huge.bin", reason: err.message }]);
    });

    it("refuses a declared size over the bucket's own limit (maxUploadMB)", async () => {
      const body = recordingBody(2 * MB);
      const err = await domainErrorOf(upload("small", "a.bin", body.stream, MB + 100 * 1024));
      expect([err.code, err.message]).toEqual(["PAYLOAD_TOO_LARGE", "This file is 1.1 MB; bucket small accepts uploads up to 1 MB."]);
      expect(body.read.bytes).toBe(0);
      expect(await stored("small")).toEqual([]);
    });

    it("refuses a file one byte over the limit (declared)", async () => {
      const err = await domainErrorOf(upload("small", "edge.bin", recordingBody(MB + 1).stream, MB + 1));
      expect(err.message).toBe("This file is 1.1 MB; bucket small accepts uploads up to 1 MB.");
      expect(await stored("small")).toEqual([]);
    });

    it("cuts a body of unknown length that grows past the limit, and stores nothing", async () => {
      const body = recordingBody(64 * MB);
      const err = await domainErrorOf(upload("small", "streamed.bin", body.stream));
      expect([err.code, err.message]).toEqual(["PAYLOAD_TOO_LARGE", "This file is larger than 1 MB; bucket small accepts uploads up to 1 MB."]);
      expect(body.read.bytes).toBeLessThan(8 * MB); // stopped reading soon after the limit, not at the end
      expect(await stored("small")).toEqual([]);
      await expect(store.head("small", "streamed.bin")).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await deniedUploads()).toEqual([{ outcome: "denied", subject: "s3://small/streamed.bin", reason: err.message }]);
    });

    it("cuts a body that sends more than it declared", async () => {
      const err = await domainErrorOf(upload("small", "liar.bin", recordingBody(3 * MB).stream, 1000));
      expect(err.code).toBe("PAYLOAD_TOO_LARGE");
      expect(await stored("small")).toEqual([]);
    });

    it("keeps the existing file when its replacement is too large", async () => {
      await upload("small", "keep.txt", text("original"));
      const err = await domainErrorOf(upload("small", "keep.txt", recordingBody(5 * MB).stream, undefined, true));
      expect(err.code).toBe("PAYLOAD_TOO_LARGE");
      const { body } = await store.get("small", "keep.txt");
      expect(await new Response(body).text()).toBe("original");
    });

    it("accepts a file of exactly the limit", async () => {
      const result = await upload("small", "exact.bin", recordingBody(MB).stream, MB);
      expect(result.size).toBe(MB);
      expect((await store.head("small", "exact.bin")).size).toBe(MB);
    });
  });

  describe.skipIf(skip)("names with invisible or control characters", () => {
    it.each(HOSTILE_CHARACTERS.map(([char, named]) => [named, char] as const))("refuses to upload a file whose name holds %s", async (named, char) => {
      const body = recordingBody(1000);
      const err = await domainErrorOf(upload("raw", `reports/invoice${char}fdp.exe`, body.stream, 1000));
      expect(err.code).toBe("BAD_REQUEST");
      const shown = `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`;
      expect(err.message).toBe(`File names may not contain ${named} (in "reports/invoice${shown}fdp.exe").`);
      expect(body.read.bytes).toBe(0);
      expect(await stored("raw")).toEqual([]);
      const audit = await deniedUploads();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ outcome: "denied", reason: err.message });
      expect(audit[0]!.subject).not.toContain(char); // the log shows [U+…], never the character itself
    });

    it.each(HOSTILE_CHARACTERS.map(([char, named]) => [named, char] as const))("refuses to create a folder whose name holds %s", async (named, char) => {
      const err = await domainErrorOf(createFolder({ ctx: { user: editor, ip: null, db: database.db }, input: { bucket: "raw", prefix: "", name: `new${char}folder` } }, store));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toContain(`Folder names may not contain ${named}`);
      expect((await store.list("raw", { delimiter: "/" })).prefixes).toEqual([]);
      const rows = await database.db.auditEvent.findMany({ where: { action: "storage.folder_created" } });
      expect(rows.map((r) => r.outcome)).toEqual(["denied"]);
    });

    it("refuses a hidden character in the folder an upload goes into", async () => {
      const err = await domainErrorOf(upload("raw", "safe\u202Ecod.exe/file.txt", text("x")));
      expect(err.message).toContain("the invisible right-to-left override U+202E");
      expect(await stored("raw")).toEqual([]);
    });

    it("still accepts names in right-to-left scripts and with joiners", async () => {
      await upload("raw", "\u05D3\u05D5\u05D7/\u0645\u0644\u0641.csv", text("a\n"));
      await upload("raw", "family-\u{1F468}\u200D\u{1F469}\u200D\u{1F467}.txt", text("b\n"));
      expect((await stored("raw")).sort()).toEqual(["family-\u{1F468}\u200D\u{1F469}\u200D\u{1F467}.txt", "\u05D3\u05D5\u05D7/\u0645\u0644\u0641.csv"]);
    });
  });
});

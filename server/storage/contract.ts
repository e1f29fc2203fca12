// The contract every ObjectStore adapter passes (run by local-store.test.ts and
// s3-store.test.ts). It states what the portal relies on: S3 listing semantics with delimiters
// and continuation tokens, ranged reads, whole-or-nothing uploads, working download links and
// deletes that make folders vanish with their last object.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { ListOptions, ObjectStore } from "./object-store";

export type ContractSetup = {
  store: ObjectStore;
  /** A fresh, empty bucket for one test. */
  newBucket(): Promise<string>;
  /** Fetches a download link the way a browser would. */
  fetchLink(url: string, init?: RequestInit): Promise<Response>;
};

export const DEMO_DATA = path.resolve(import.meta.dirname, "../../node_modules/vega-datasets/data");

const text = (s: string) => new TextEncoder().encode(s);

export function objectStoreContract(name: string, setup: () => Promise<ContractSetup>) {
  describe(`ObjectStore contract: ${name}`, () => {
    let env: ContractSetup;
    beforeAll(async () => {
      env = await setup();
    });

    async function listAll(bucket: string, options: ListOptions) {
      const objects: string[] = [];
      const prefixes: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await env.store.list(bucket, { ...options, continuationToken: token });
        objects.push(...page.objects.map((o) => o.key));
        prefixes.push(...page.prefixes);
        token = page.nextContinuationToken ?? undefined;
        pages++;
      } while (token && pages < 1000);
      return { objects, prefixes, pages };
    }

    it("lists its buckets and says 404 for a bucket that does not exist", async () => {
      const bucket = await env.newBucket();
      expect((await env.store.listBuckets()).map((b) => b.name)).toContain(bucket);
      await expect(env.store.list("no-such-bucket-here")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(env.store.assertBucket("no-such-bucket-here")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("stores an object with its content type and user metadata", async () => {
      const bucket = await env.newBucket();
      await env.store.put(bucket, "reports/2024/summary.csv", text("a,b\n1,2\n"), { contentType: "text/csv", metadata: { Owner: "data-team" } });
      const head = await env.store.head(bucket, "reports/2024/summary.csv");
      expect(head).toMatchObject({ key: "reports/2024/summary.csv", size: 8, contentType: "text/csv", metadata: { owner: "data-team" } });
      expect(head.etag).toBeTruthy();
      expect(head.lastModified).toBeInstanceOf(Date);
    });

    it("guesses the content type from the extension when none was given", async () => {
      const bucket = await env.newBucket();
      await env.store.put(bucket, "x/data.parquet", text("PAR1"));
      expect((await env.store.head(bucket, "x/data.parquet")).contentType).toBe("application/vnd.apache.parquet");
    });

    it("keeps keys with spaces, unicode and URL-special characters intact", async () => {
      const bucket = await env.newBucket();
      const keys = ["with space/a b.txt", "ünïcødé/日本.txt", "special/a+b%20c&d=e#f.txt"];
      for (const key of keys) await env.store.put(bucket, key, text(key));
      const { objects } = await listAll(bucket, {});
      expect(objects.sort()).toEqual([...keys].sort());
      for (const key of keys) expect(new TextDecoder().decode(await env.store.getRange(bucket, key, { start: 0, end: 1000 }))).toBe(key);
    });

    it("groups keys into folders with a delimiter, in key order", async () => {
      const bucket = await env.newBucket();
      for (const key of ["b.txt", "a/1.txt", "a/2.txt", "a.txt", "c/d/e.txt", "c/f.txt", "a-b/x.txt"]) await env.store.put(bucket, key, text("x"));
      const root = await env.store.list(bucket, { delimiter: "/" });
      expect(root.objects.map((o) => o.key)).toEqual(["a.txt", "b.txt"]);
      expect(root.prefixes).toEqual(["a-b/", "a/", "c/"]);
      expect(root.nextContinuationToken).toBeNull();
      const inA = await env.store.list(bucket, { prefix: "a/", delimiter: "/" });
      expect(inA.objects.map((o) => [o.key, o.size])).toEqual([
        ["a/1.txt", 1],
        ["a/2.txt", 1],
      ]);
      expect(inA.prefixes).toEqual([]);
      const nested = await env.store.list(bucket, { prefix: "c/", delimiter: "/" });
      expect(nested.prefixes).toEqual(["c/d/"]);
    });

    it("filters by a name prefix inside a folder", async () => {
      const bucket = await env.newBucket();
      for (const key of ["logs/app-1.log", "logs/app-2.log", "logs/db-1.log", "logs/app/inner.log", "logsx.txt"]) await env.store.put(bucket, key, text("x"));
      const page = await env.store.list(bucket, { prefix: "logs/app", delimiter: "/" });
      expect(page.objects.map((o) => o.key)).toEqual(["logs/app-1.log", "logs/app-2.log"]);
      expect(page.prefixes).toEqual(["logs/app/"]);
      const flat = await env.store.list(bucket, { prefix: "logs" });
      // Sorted here: s3rver walks "app/" before "app-1" ('/' > '-'), unlike S3 and MinIO.
      expect(flat.objects.map((o) => o.key).sort()).toEqual(["logs/app-1.log", "logs/app-2.log", "logs/app/inner.log", "logs/db-1.log", "logsx.txt"]);
    });

    it("pages through a prefix with continuation tokens, each entry exactly once", async () => {
      const bucket = await env.newBucket();
      const keys = Array.from({ length: 25 }, (_, i) => `big/part-${String(i).padStart(3, "0")}.csv`);
      await Promise.all(keys.map((key) => env.store.put(bucket, key, text(key))));
      for (const sub of ["big/sub1/x.csv", "big/sub2/y.csv"]) await env.store.put(bucket, sub, text("x"));

      const first = await env.store.list(bucket, { prefix: "big/", delimiter: "/", maxKeys: 10 });
      expect(first.objects.length + first.prefixes.length).toBe(10);
      expect(first.nextContinuationToken).toEqual(expect.any(String));

      const paged = await listAll(bucket, { prefix: "big/", delimiter: "/", maxKeys: 10 });
      expect(paged.pages).toBe(3);
      expect(paged.objects).toEqual(keys);
      expect(paged.prefixes).toEqual(["big/sub1/", "big/sub2/"]);

      const recursive = await listAll(bucket, { prefix: "big/", maxKeys: 7 });
      expect(recursive.objects).toEqual([...keys, "big/sub1/x.csv", "big/sub2/y.csv"]);
      expect(recursive.prefixes).toEqual([]);
    });

    it("reads byte ranges without reading the rest", async () => {
      const bucket = await env.newBucket();
      await env.store.put(bucket, "r.bin", text("0123456789abcdef"));
      expect(new TextDecoder().decode(await env.store.getRange(bucket, "r.bin", { start: 0, end: 3 }))).toBe("0123");
      expect(new TextDecoder().decode(await env.store.getRange(bucket, "r.bin", { start: 10, end: 15 }))).toBe("abcdef");
      expect(new TextDecoder().decode(await env.store.getRange(bucket, "r.bin", { start: 12, end: 1000 }))).toBe("cdef");
      await expect(env.store.getRange(bucket, "r.bin", { start: 16, end: 20 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      const { body, range, details } = await env.store.get(bucket, "r.bin", { start: 4, end: 7 });
      expect(await new Response(body).text()).toBe("4567");
      expect(range).toEqual({ start: 4, end: 7 });
      expect(details.size).toBe(16);
    });

    it("says 404 for a missing object", async () => {
      const bucket = await env.newBucket();
      await expect(env.store.head(bucket, "nope.txt")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(env.store.getRange(bucket, "nope.txt", { start: 0, end: 1 })).rejects.toBeInstanceOf(DomainError);
      await expect(env.store.head("no-such-bucket-here", "nope.txt")).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("bucket") });
    });

    it("uploads a large file in parts (streamed) and reads back the same bytes", async () => {
      const bucket = await env.newBucket();
      const file = readFileSync(path.join(DEMO_DATA, "flights-3m.parquet")); // 13 MB: several parts
      let reported = 0;
      await env.store.put(bucket, "raw/flights.parquet", streamOf(file, 1024 * 1024), { onProgress: (n) => (reported = n) });
      expect(reported).toBe(file.length);
      const head = await env.store.head(bucket, "raw/flights.parquet");
      expect(head.size).toBe(file.length);
      const { body } = await env.store.get(bucket, "raw/flights.parquet");
      const back = Buffer.from(await new Response(body).arrayBuffer());
      expect(sha256(back)).toBe(sha256(file));
    });

    it("leaves no object behind when an upload is interrupted", async () => {
      const bucket = await env.newBucket();
      const failing = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 7; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(i));
          controller.error(new Error("client went away"));
        },
      });
      await expect(env.store.put(bucket, "broken/half.bin", failing)).rejects.toThrow();
      await expect(env.store.head(bucket, "broken/half.bin")).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await env.store.list(bucket, {})).objects).toEqual([]);
      expect((await env.store.list(bucket, { delimiter: "/" })).prefixes).toEqual([]); // not even its folder
    });

    it("leaves no object behind when an upload is cancelled", async () => {
      const bucket = await env.newBucket();
      const controller = new AbortController();
      let sent = 0;
      const slow = new ReadableStream<Uint8Array>({
        async pull(c) {
          if (sent === 6) controller.abort(new Error("cancelled by user"));
          sent++;
          await new Promise((r) => setTimeout(r, 5));
          c.enqueue(new Uint8Array(1024 * 1024));
        },
      });
      await expect(env.store.put(bucket, "cancelled.bin", slow, { signal: controller.signal })).rejects.toThrow();
      await expect(env.store.head(bucket, "cancelled.bin")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("replaces an object whole", async () => {
      const bucket = await env.newBucket();
      await env.store.put(bucket, "v.txt", text("version one"));
      await env.store.put(bucket, "v.txt", text("v2"));
      expect((await env.store.head(bucket, "v.txt")).size).toBe(2);
    });

    it("gives download links a browser can use, with the file name", async () => {
      const bucket = await env.newBucket();
      await env.store.put(bucket, "dl/airports.csv", readFileSync(path.join(DEMO_DATA, "airports.csv")));
      const url = await env.store.downloadLink(bucket, "dl/airports.csv", { expiresInSeconds: 300, disposition: "attachment", filename: "airports.csv" });
      const response = await env.fetchLink(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain("airports.csv");
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(DEMO_DATA, "airports.csv")))).toBe(true);
      const ranged = await env.fetchLink(url, { headers: { range: "bytes=0-6" } });
      expect(ranged.status).toBe(206);
      expect(await ranged.text()).toBe(readFileSync(path.join(DEMO_DATA, "airports.csv")).subarray(0, 7).toString());
      await expect(env.store.downloadLink(bucket, "dl/missing.csv", { expiresInSeconds: 60, disposition: "attachment", filename: "x" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    });

    it("creates folders that list as prefixes and hold no objects", async () => {
      const bucket = await env.newBucket();
      await env.store.createFolder(bucket, "new-folder/");
      const root = await env.store.list(bucket, { delimiter: "/" });
      expect(root.prefixes).toEqual(["new-folder/"]);
      const inside = await env.store.list(bucket, { prefix: "new-folder/", delimiter: "/" });
      expect(inside.objects).toEqual([]);
    });

    it("deletes objects; missing keys count as deleted; emptied folders vanish", async () => {
      const bucket = await env.newBucket();
      for (const key of ["keep.txt", "tmp/a.txt", "tmp/b/c.txt"]) await env.store.put(bucket, key, text("x"));
      const result = await env.store.deleteObjects(bucket, ["tmp/a.txt", "tmp/b/c.txt", "tmp/never-existed.txt"]);
      expect(result.deleted.sort()).toEqual(["tmp/a.txt", "tmp/b/c.txt", "tmp/never-existed.txt"]);
      expect(result.failed).toEqual([]);
      const root = await env.store.list(bucket, { delimiter: "/" });
      expect(root.objects.map((o) => o.key)).toEqual(["keep.txt"]);
      expect(root.prefixes).toEqual([]);
    });

    it("deletes a folder with everything under it, and nothing beside it", async () => {
      const bucket = await env.newBucket();
      for (const key of ["tmp/a.txt", "tmp/deep/b.txt", "tmp2/keep.txt", "tmp.txt"]) await env.store.put(bucket, key, text("x"));
      await env.store.createFolder(bucket, "tmp/empty/");
      expect(await env.store.deletePrefix(bucket, "tmp/")).toEqual({ deleted: 2 });
      const root = await env.store.list(bucket, { delimiter: "/" });
      expect(root.prefixes).toEqual(["tmp2/"]);
      expect(root.objects.map((o) => o.key)).toEqual(["tmp.txt"]);
      expect(await env.store.deletePrefix(bucket, "no-such-folder/")).toEqual({ deleted: 0 });
    });
  });
}

export function streamOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

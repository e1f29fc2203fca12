// The local-folder adapter: the shared contract, plus what only a file system can get wrong —
// keys that try to leave the root, symlinks, and temp files left by interrupted uploads.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectStoreContract } from "./contract";
import { LocalObjectStore } from "./local-store";
import { serveSignedDownload } from "./serve-signed";

const SECRET = "local-store-test-secret-0123456789abcdef";
const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function newStore(): Promise<{ store: LocalObjectStore; root: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "portal-lake-"));
  roots.push(root);
  const store = new LocalObjectStore({ root: path.join(root, "lake"), signingSecret: () => SECRET });
  await store.init([]);
  return { store, root: path.join(root, "lake") };
}

objectStoreContract("local folder", async () => {
  const { store, root } = await newStore();
  let n = 0;
  return {
    store,
    async newBucket() {
      const name = `bucket-${++n}`;
      mkdirSync(path.join(root, name));
      return name;
    },
    fetchLink: (url, init) => serveSignedDownload(new Request(new URL(url, "http://portal.test"), init), store, SECRET),
  };
});

describe("local folder adapter: nothing outside its root", () => {
  let store: LocalObjectStore;
  let root: string;
  let outside: string;
  beforeAll(async () => {
    ({ store, root } = await newStore());
    await store.init(["raw"]);
    outside = path.join(path.dirname(root), "secret.txt");
    writeFileSync(outside, "top secret");
  });

  const badKeys = ["../secret.txt", "a/../../secret.txt", "/etc/passwd", "a\\..\\b.txt", "nul\0byte.txt", "./a.txt", "a//b.txt", "C:/x.txt"];

  it.each(badKeys)("refuses the key %j for every operation", async (key) => {
    const refused = { code: "BAD_REQUEST" };
    await expect(store.put("raw", key, new TextEncoder().encode("x"))).rejects.toMatchObject(refused);
    await expect(store.head("raw", key)).rejects.toMatchObject(refused);
    await expect(store.getRange("raw", key, { start: 0, end: 10 })).rejects.toMatchObject(refused);
    await expect(store.get("raw", key)).rejects.toMatchObject(refused);
    expect((await store.deleteObjects("raw", [key])).failed).toHaveLength(1);
    expect(existsSync(outside)).toBe(true);
  });

  it("refuses prefixes that climb out of the bucket", async () => {
    await expect(store.list("raw", { prefix: "../", delimiter: "/" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(store.list("raw", { prefix: "a/../../", delimiter: "/" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses bucket names that are paths", async () => {
    for (const bucket of ["..", ".meta", ".tmp", "a/b", "../lake"]) {
      await expect(store.list(bucket)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect((await store.listBuckets()).map((b) => b.name)).toEqual(["raw"]);
  });

  it("neither lists nor follows symlinks inside a bucket", async () => {
    symlinkSync(outside, path.join(root, "raw", "link.txt"));
    symlinkSync(path.dirname(root), path.join(root, "raw", "linkdir"));
    const page = await store.list("raw", { delimiter: "/" });
    expect(page.objects.map((o) => o.key)).not.toContain("link.txt");
    expect(page.prefixes).not.toContain("linkdir/");
    await expect(store.head("raw", "link.txt")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(store.getRange("raw", "linkdir/secret.txt", { start: 0, end: 5 })).rejects.toBeTruthy();
    await expect(store.put("raw", "linkdir/planted.txt", new TextEncoder().encode("x"))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(existsSync(path.join(path.dirname(root), "planted.txt"))).toBe(false);
  });

  it("cleans its temp file when an upload fails, and never shows it in a bucket", async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(1000));
        c.error(new Error("connection reset"));
      },
    });
    await expect(store.put("raw", "partial.bin", failing)).rejects.toThrow("connection reset");
    expect(readdirSync(path.join(root, ".tmp"))).toEqual([]);
    expect(existsSync(path.join(root, "raw", "partial.bin"))).toBe(false);
  });

  it("refuses a key whose folder is a file, and a file over a folder", async () => {
    await store.put("raw", "clash.csv", new TextEncoder().encode("x"));
    await expect(store.put("raw", "clash.csv/inner.csv", new TextEncoder().encode("x"))).rejects.toMatchObject({ code: "CONFLICT" });
    await store.put("raw", "dir/inner.csv", new TextEncoder().encode("x"));
    await expect(store.put("raw", "dir", new TextEncoder().encode("x"))).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("sees files changed outside the portal (its folder cache follows the folder's mtime)", async () => {
    await store.createFolder("raw", "outside-edits/");
    expect((await store.list("raw", { prefix: "outside-edits/", delimiter: "/" })).objects).toEqual([]);
    writeFileSync(path.join(root, "raw", "outside-edits", "dropped.csv"), "a\n1\n");
    const page = await store.list("raw", { prefix: "outside-edits/", delimiter: "/" });
    expect(page.objects.map((o) => [o.key, o.size, o.etag !== null])).toEqual([["outside-edits/dropped.csv", 4, true]]);
  });
});

describe("local signed download links", () => {
  it("refuses tampered and expired links", async () => {
    const { store } = await newStore();
    await store.init(["raw"]);
    await store.put("raw", "a.txt", new TextEncoder().encode("hello"));
    await store.put("raw", "b.txt", new TextEncoder().encode("other"));
    const link = await store.downloadLink("raw", "a.txt", { expiresInSeconds: 60, disposition: "attachment", filename: "a.txt" });
    const serve = (url: string, secret = SECRET) => serveSignedDownload(new Request(new URL(url, "http://portal.test")), store, secret);
    expect(await (await serve(link)).text()).toBe("hello");
    expect((await serve(link.replace("key=a.txt", "key=b.txt"))).status).toBe(403);
    expect((await serve(link, "another-secret-another-secret-0123456789")).status).toBe(403);
    const expired = await store.downloadLink("raw", "a.txt", { expiresInSeconds: -1, disposition: "attachment", filename: "a.txt" });
    const response = await serve(expired);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/expired/);
  });

  it("shows raster images inline but never other types, which are served as attachments", async () => {
    const { store } = await newStore();
    await store.init(["raw"]);
    await store.put("raw", "page.html", new TextEncoder().encode("<script>alert(1)</script>"), { contentType: "text/html" });
    const link = await store.downloadLink("raw", "page.html", { expiresInSeconds: 60, disposition: "inline", filename: "page.html" });
    const response = await serveSignedDownload(new Request(new URL(link, "http://portal.test")), store, SECRET);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });
});

// The static asset server over real files on disk, behind a real HTTP server, with the copies
// that scripts/precompress-static.mjs writes at build time.
import { mkdtemp, mkdir, rm, utimes, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressStatic } from "@/scripts/precompress-static.mjs";
import { assetPath, createStaticAssets } from "./static-assets";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

let dir: string;
let server: http.Server;
let base: string;
const script = `/* chunk */ ${"export const greeting = 'hello from a build chunk';\n".repeat(400)}`;

function get(url: string, headers: http.OutgoingHttpHeaders = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "static-assets-"));
  const staticDir = path.join(dir, "static");
  await mkdir(path.join(staticDir, "chunks"), { recursive: true });
  await writeFile(path.join(staticDir, "chunks/app.js"), script);
  await writeFile(path.join(staticDir, "chunks/styles.css"), `.a{color:red}\n`.repeat(300));
  await writeFile(path.join(staticDir, "chunks/tiny.js"), "x()"); // too small to compress
  await writeFile(path.join(dir, "secret.txt"), "outside the static folder");
  const totals = await precompressStatic(staticDir);
  expect(totals.files).toBe(3);
  // Written after compression: its copies are older than it, as if left from a previous build.
  await writeFile(path.join(staticDir, "chunks/stale.js"), script);
  await writeFile(path.join(staticDir, "chunks/stale.js.br"), zlib.brotliCompressSync("old content"));
  const past = new Date(Date.now() - 60_000);
  await utimes(path.join(staticDir, "chunks/stale.js.br"), past, past);

  const assets = createStaticAssets(staticDir);
  server = http.createServer((req, res) => {
    void assets.serve(req, res).then((served) => {
      if (served) return;
      res.writeHead(299, { "x-answered-by": "next" }); // stands for Next's own handler
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("static build assets", () => {
  it("sends the brotli copy to a browser that accepts it, with its own length, ETag and Vary", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["vary"]).toBe("Accept-Encoding");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it("sends gzip to a client without brotli and the file as it is to one without either", async () => {
    const gz = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(Number(gz.headers["content-length"])).toBe(gz.body.length);
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get("/_next/static/chunks/app.js", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toBe("Accept-Encoding");
    expect(plain.body.toString()).toBe(script);
    expect(Number(plain.headers["content-length"])).toBe(script.length);

    const css = await get("/_next/static/chunks/styles.css", { "accept-encoding": "br" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(zlib.brotliDecompressSync(css.body).toString()).toContain(".a{color:red}");
  });

  it("gives each encoding its own strong ETag and answers 304 only to the one the client holds", async () => {
    const br = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" });
    const gz = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip" });
    const plain = await get("/_next/static/chunks/app.js");
    const tags = [br, gz, plain].map((r) => r.headers.etag);
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[\w-]+"$/);

    const again = await get("/_next/static/chunks/app.js", { "accept-encoding": "br", "if-none-match": br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.headers.vary).toBe("Accept-Encoding");

    const weak = await get("/_next/static/chunks/app.js", { "accept-encoding": "br", "if-none-match": `"other", W/${br.headers.etag}` });
    expect(weak.status).toBe(304);

    const otherEncoding = await get("/_next/static/chunks/app.js", { "accept-encoding": "br", "if-none-match": gz.headers.etag! });
    expect(otherEncoding.status).toBe(200);
    expect(otherEncoding.headers["content-encoding"]).toBe("br");
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const head = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "HEAD");
    const full = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(full.headers["content-length"]);
    expect(head.headers.etag).toBe(full.headers.etag);
  });

  it("leaves to Next what has no compressed copy, a stale copy, other methods and missing files", async () => {
    expect((await get("/_next/static/chunks/tiny.js", { "accept-encoding": "br" })).headers["x-answered-by"]).toBe("next");
    const stale = await get("/_next/static/chunks/stale.js", { "accept-encoding": "br" });
    expect(stale.headers["x-answered-by"]).toBe("next");
    expect((await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "POST")).headers["x-answered-by"]).toBe("next");
    expect((await get("/_next/static/chunks/missing.js", { "accept-encoding": "br" })).headers["x-answered-by"]).toBe("next");
    expect((await get("/favicon.ico")).headers["x-answered-by"]).toBe("next");
    const refusesAll = await get("/_next/static/chunks/app.js", { "accept-encoding": "br;q=0, gzip;q=0, identity;q=0" });
    expect(refusesAll.headers["x-answered-by"]).toBe("next");
  });

  it("never reads outside the static folder", async () => {
    for (const url of ["/_next/static/../secret.txt", "/_next/static/%2e%2e/secret.txt", "/_next/static/chunks/..%2f..%2fsecret.txt", "/_next/static/%E0%A4%A"]) {
      const res = await get(url, { "accept-encoding": "br" });
      expect(res.headers["x-answered-by"], url).toBe("next");
    }
    const root = "/srv/static";
    expect(assetPath(root, "/_next/static/chunks/a.js?v=1")).toBe("/srv/static/chunks/a.js");
    expect(assetPath(root, "/_next/static/a/../../x")).toBeNull();
    expect(assetPath(root, "/_next/static/a\\..\\x")).toBeNull();
    expect(assetPath(root, "/_next/static/a%00.js")).toBeNull();
    expect(assetPath(root, "/_next/static/")).toBeNull();
    expect(assetPath(root, "/_next/image?url=x")).toBeNull();
  });
});

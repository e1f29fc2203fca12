// The kept-result file on both object-store adapters: what is written reads back page for page,
// and a result that is given up leaves no object behind.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { LocalObjectStore } from "../../storage/local-store";
import { S3ObjectStore } from "../../storage/s3-store";
import type { ObjectStore } from "../../storage/object-store";
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from "../../storage/testing/s3-server";
import { brotliCompressSync } from "node:zlib";
import { assemblePage, ColumnPage, Encoding } from "../../../lib/sql/column-page";
import { eventFrame, frameHeader, FRAME_PAGE } from "../../../lib/sql/frames";
import { columnPageEvent } from "../../engines/query-engine";
import { openResult, ResultTooLargeError, ResultWriter } from "./result-file";

const columns = [
  { name: "id", type: "BIGINT" },
  { name: "label", type: "VARCHAR" },
];
const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => [from + i, `row "${from + i}"\n,é`]);

async function readAll(store: ObjectStore, bucket: string, key: string) {
  const result = await openResult(store, bucket, key);
  const rows: unknown[][] = [];
  for await (const p of result.pages) rows.push(...p);
  return { columns: result.columns, rows };
}

async function keys(store: ObjectStore, bucket: string): Promise<string[]> {
  return (await store.list(bucket, { prefix: "" })).objects.map((o) => o.key);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

function adapterSuite(name: string, makeStore: () => Promise<{ store: ObjectStore; bucket: string }>) {
  describe(`kept results on ${name}`, () => {
    it.each([".frames.br", ".ndjson.br", ".ndjson.gz"])("reads back the columns and every row in order, with large pages streamed through (%s)", async (suffix) => {
      const { store, bucket } = await makeStore();
      const key = `2026-11-22/a${suffix}`;
      const writer = new ResultWriter(store, bucket, key, columns, 100_000_000);
      // ~6 MB of JSON: more than one S3 part and many times the gzip stream's buffer.
      for (let i = 0; i < 60; i++) await writer.append(page(i * 2_000, 2_000));
      const { bytes, rowCount } = await writer.commit();
      expect(rowCount).toBe(120_000);
      expect(bytes).toBeGreaterThan(0);
      expect((await store.head(bucket, key)).size).toBe(bytes);
      // The compression the suffix names (brotli has no magic number; gzip starts 1f 8b).
      const head = new Uint8Array(await new Response((await store.get(bucket, key)).body).arrayBuffer()).slice(0, 2);
      expect(head[0] === 0x1f && head[1] === 0x8b).toBe(suffix.endsWith(".gz"));
      const back = await readAll(store, bucket, key);
      expect(back.columns).toEqual(columns);
      expect(back.rows).toHaveLength(120_000);
      expect(back.rows[0]).toEqual([0, 'row "0"\n,é']);
      expect(back.rows[119_999]).toEqual([119_999, 'row "119999"\n,é']);
    });

    it("keeps an empty result as columns without rows", async () => {
      const { store, bucket } = await makeStore();
      const writer = new ResultWriter(store, bucket, "empty.ndjson.gz", columns, 1_000);
      await writer.commit();
      expect(await readAll(store, bucket, "empty.ndjson.gz")).toEqual({ columns, rows: [] });
    });

    it("leaves no object when the result is abandoned mid-stream", async () => {
      const { store, bucket } = await makeStore();
      const writer = new ResultWriter(store, bucket, "gone.ndjson.gz", columns, 100_000_000);
      for (let i = 0; i < 20; i++) await writer.append(page(i * 2_000, 2_000));
      await writer.abandon();
      expect(await keys(store, bucket)).not.toContain("gone.ndjson.gz");
    });

    it("gives up a result over the size limit, keeps nothing, and says why on commit", async () => {
      const { store, bucket } = await makeStore();
      const writer = new ResultWriter(store, bucket, "big.ndjson.gz", columns, 50_000);
      for (let i = 0; i < 10; i++) await writer.append(page(i * 1_000, 1_000));
      expect(writer.healthy).toBe(false);
      await expect(writer.commit()).rejects.toBeInstanceOf(ResultTooLargeError);
      await writer.abandon();
      expect(await keys(store, bucket)).not.toContain("big.ndjson.gz");

      // Rows that fit, and a trailer that does not: still the size, not the abort, is the reason.
      const header = JSON.stringify({ format: "portal-result/1", columns }).length + 1;
      const rows = page(0, 10);
      const edge = new ResultWriter(store, bucket, "edge.ndjson.gz", columns, header + JSON.stringify(rows).length + 1 + 5);
      await edge.append(rows);
      expect(edge.healthy).toBe(true);
      await expect(edge.commit()).rejects.toBeInstanceOf(ResultTooLargeError);
      expect(await keys(store, bucket)).not.toContain("edge.ndjson.gz");
    });
  });
}

adapterSuite("the local folder", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "portal-results-"));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
  await store.init(["results"]);
  return { store, bucket: "results" };
});

let s3: TestS3Server | undefined;
let bucketNumber = 0;
adapterSuite("S3 (s3rver on loopback)", async () => {
  if (!s3) {
    s3 = await startS3Server();
    const server = s3;
    cleanups.push(() => server.close());
  }
  const store = new S3ObjectStore({ endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS, partSize: 5 * 1024 * 1024 });
  const bucket = `results-${++bucketNumber}`;
  await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return { store, bucket };
});

/** A local result space with the bucket "results", removed after the tests. */
async function localResults(): Promise<LocalObjectStore> {
  const root = mkdtempSync(path.join(os.tmpdir(), "portal-results-"));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const store = new LocalObjectStore({ root, signingSecret: () => "x".repeat(32) });
  await store.init(["results"]);
  return store;
}

/** A column page of ids and labels, as the DuckDB engine gives them. */
function columnPage(from: number, count: number): ColumnPage {
  const ids = Int32Array.from({ length: count }, (_, i) => from + i);
  const labels = Array.from({ length: count }, (_, i) => new TextEncoder().encode(`row "${from + i}"\n,é`));
  const offsets = new Uint32Array(count + 1);
  labels.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.byteLength));
  const bytes = new Uint8Array(offsets[count]!);
  labels.forEach((l, i) => bytes.set(l, offsets[i]!));
  return ColumnPage.decode(
    assemblePage(count, [
      { encoding: Encoding.INT32, validity: null, data: new Uint8Array(ids.buffer) },
      { encoding: Encoding.UTF8, validity: null, data: new Uint8Array(offsets.buffer), extra: bytes },
    ]),
  );
}

describe("results kept as frames", () => {
  it("keep column pages as they came, beside JSON rows, and read back every row in order", async () => {
    const store = await localResults();
    const writer = new ResultWriter(store, "results", "pages.frames.br", columns, 100_000_000);
    const event = columnPageEvent(columnPage(0, 2_048));
    await writer.append(event);
    await writer.append(page(2_048, 10));
    await writer.append(columnPageEvent(columnPage(2_058, 5)));
    expect(await writer.commit()).toMatchObject({ rowCount: 2_063 });
    const back = await readAll(store, "results", "pages.frames.br");
    expect(back.columns).toEqual(columns);
    expect(back.rows).toEqual(page(0, 2_063));
  });

  it("refuse a damaged file: a page cut short, no trailer, a wrong count", async () => {
    const store = await localResults();
    const header = eventFrame({ format: "portal-result/2", columns });
    const pageBytes = columnPage(0, 3).bytes;
    const file = (...parts: Uint8Array[]) => brotliCompressSync(Buffer.concat(parts));
    const readKey = async (key: string) => {
      const result = await openResult(store, "results", key);
      for await (const _ of result.pages);
    };
    await store.put("results", "cut.frames.br", file(header, frameHeader(FRAME_PAGE, pageBytes.byteLength), pageBytes.subarray(0, 20)));
    await expect(readKey("cut.frames.br")).rejects.toThrow(/cut\.frames\.br cannot be read: .*ends inside a frame/);
    await store.put("results", "short.frames.br", file(header, frameHeader(FRAME_PAGE, 20), pageBytes.subarray(0, 20), eventFrame({ end: true, rowCount: 3 })));
    await expect(readKey("short.frames.br")).rejects.toThrow(/short\.frames\.br cannot be read: .*cut short/);
    await store.put("results", "open.frames.br", file(header, frameHeader(FRAME_PAGE, pageBytes.byteLength), pageBytes));
    await expect(readKey("open.frames.br")).rejects.toThrow(/it ends before its trailer/);
    await store.put("results", "count.frames.br", file(header, frameHeader(FRAME_PAGE, pageBytes.byteLength), pageBytes, eventFrame({ end: true, rowCount: 4 })));
    await expect(readKey("count.frames.br")).rejects.toThrow(/row count does not match/);
    await store.put("results", "other.frames.br", file(eventFrame({ format: "portal-result/1", columns })));
    await expect(openResult(store, "results", "other.frames.br")).rejects.toThrow(/unknown header/);
  });
});

describe("reading a damaged result", () => {
  it("refuses a file without its trailer or with a wrong header, naming the object", async () => {
    const store = await localResults();
    const header = JSON.stringify({ format: "portal-result/1", columns });
    await store.put("results", "cut.ndjson.gz", gzipSync(`${header}\n[[1,"a"]]\n`));
    const cut = await openResult(store, "results", "cut.ndjson.gz");
    const read = async () => {
      for await (const _ of cut.pages);
    };
    await expect(read()).rejects.toThrow(/cut\.ndjson\.gz cannot be read: it ends before its trailer/);

    await store.put("results", "other.ndjson.gz", gzipSync(`{"something":"else"}\n`));
    await expect(openResult(store, "results", "other.ndjson.gz")).rejects.toThrow(/cannot be read: unknown header/);

    await store.put("results", "count.ndjson.gz", gzipSync(`${header}\n[[1,"a"]]\n{"end":true,"rowCount":5}\n`));
    const wrong = await openResult(store, "results", "count.ndjson.gz");
    await expect(
      (async () => {
        for await (const _ of wrong.pages);
      })(),
    ).rejects.toThrow(/row count does not match/);
  });
});

// The S3 adapter against a real S3-protocol server on loopback (s3rver): the shared contract,
// plus what only S3 can get wrong — aborting multipart uploads and an unreachable endpoint.
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_DATA, objectStoreContract, streamOf } from "./contract";
import { previewObject } from "./preview";
import { S3ObjectStore } from "./s3-store";
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from "./testing/s3-server";

const servers: TestS3Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function newStore(options: { partSize?: number } = {}) {
  const server = await startS3Server();
  servers.push(server);
  const store = new S3ObjectStore({
    endpoint: server.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    partSize: options.partSize ?? 5 * 1024 * 1024,
  });
  return { store, server };
}

/** Records the name of every command the client sends. */
function recordCommands(client: S3Client): string[] {
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
  return sent;
}

objectStoreContract("S3 (s3rver on loopback)", async () => {
  const { store } = await newStore();
  let n = 0;
  return {
    store,
    async newBucket() {
      const name = `bucket-${++n}`;
      await store.client.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    fetchLink: (url, init) => fetch(url, init),
  };
});

describe("S3 adapter", () => {
  it("aborts the multipart upload when the body fails midway, leaving no parts behind", async () => {
    const { store } = await newStore();
    await store.client.send(new CreateBucketCommand({ Bucket: "uploads" }));
    const sent = recordCommands(store.client);
    let chunks = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(c) {
        if (chunks++ === 12) return c.error(new Error("browser closed the tab"));
        c.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    await expect(store.put("uploads", "big.bin", failing)).rejects.toThrow();
    expect(sent).toContain("CreateMultipartUploadCommand");
    expect(sent).toContain("AbortMultipartUploadCommand");
    expect(sent).not.toContain("CompleteMultipartUploadCommand");
    await expect(store.head("uploads", "big.bin")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("uploads small bodies in one PUT and large ones in parts", async () => {
    const { store } = await newStore();
    await store.client.send(new CreateBucketCommand({ Bucket: "uploads" }));
    const sent = recordCommands(store.client);
    await store.put("uploads", "small.txt", new TextEncoder().encode("hi"));
    expect(sent.filter((c) => c.includes("Multipart") || c === "UploadPartCommand")).toEqual([]);
    await store.put("uploads", "large.bin", streamOf(new Uint8Array(11 * 1024 * 1024).fill(7), 512 * 1024));
    expect(sent.filter((c) => c === "UploadPartCommand")).toHaveLength(3);
    expect(sent).toContain("CompleteMultipartUploadCommand");
    expect((await store.head("uploads", "large.bin")).size).toBe(11 * 1024 * 1024);
  });

  it("previews a Parquet file from S3 with a few range requests, not a download", async () => {
    const { store } = await newStore();
    await store.client.send(new CreateBucketCommand({ Bucket: "lake" }));
    await store.put("lake", "flights/flights-3m.parquet", readFileSync(path.join(DEMO_DATA, "flights-3m.parquet")));
    const sent = recordCommands(store.client);
    const preview = await previewObject(store, "lake", await store.head("lake", "flights/flights-3m.parquet"));
    if (preview.kind !== "parquet") throw new Error(`expected a parquet preview, got ${preview.kind}`);
    // The demo file is ZSTD-compressed: its rows decode with hyparquet-compressors (pure JS).
    expect(preview.rows[0]).toEqual(["2001-01-01T00:01:00Z", "33", "2176", "LAS", "PHL"]);
    expect(preview.bytesRead).toBeLessThan(13_493_022 / 10);
    expect(sent.filter((c) => c === "GetObjectCommand")).toHaveLength(preview.requests);
  });

  it("presigns download URLs without putting the secret key in them", async () => {
    const { store } = await newStore();
    await store.client.send(new CreateBucketCommand({ Bucket: "downloads" }));
    await store.put("downloads", "a.txt", new TextEncoder().encode("hello"));
    const url = await store.downloadLink("downloads", "a.txt", { expiresInSeconds: 60, disposition: "attachment", filename: "a.txt" });
    expect(url).toContain("X-Amz-Signature=");
    expect(url).not.toContain(S3RVER_CREDENTIALS.secretAccessKey + "&");
    const tampered = url.replace("a.txt?", "b.txt?");
    expect((await fetch(tampered)).ok).toBe(false);
  });

  it("says clearly that the store cannot be reached", async () => {
    const store = new S3ObjectStore({ endpoint: "http://127.0.0.1:9", region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    await expect(store.listBuckets()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("cannot be reached") });
    await expect(store.list("raw")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });

  it("says clearly that the credentials are wrong", async () => {
    const { server } = await newStore();
    const store = new S3ObjectStore({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "WRONG", secretAccessKey: "WRONG" } });
    await expect(store.listBuckets()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("credentials") });
  });
});

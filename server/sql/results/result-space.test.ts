// Where results are kept, by configuration: the embedded store's own folder (outside the lake),
// a configured S3 bucket, or nowhere.
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { loadConfig } from "../../config/env";
import { setObjectStore } from "../../storage";
import { S3ObjectStore } from "../../storage/s3-store";
import { S3RVER_CREDENTIALS, startS3Server, type TestS3Server } from "../../storage/testing/s3-server";
import { createResultSpace, dayFolderOf, resultKey } from "./result-space";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-result-space-"));
let s3: TestS3Server | undefined;
afterAll(async () => {
  setObjectStore(undefined);
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the result space", () => {
  it("is a folder of its own on the embedded store, beside the lake and not in it", async () => {
    const space = await createResultSpace(loadConfig({ PORTAL_DATA_DIR: dataDir }));
    expect(space).toMatchObject({ bucket: "sql-results", prefix: "", retentionMs: 24 * 3_600_000, maxKeptBytes: 2_048_000_000 });
    expect(existsSync(path.join(dataDir, "results", "sql-results"))).toBe(true);
    expect(existsSync(path.join(dataDir, "lake", "sql-results"))).toBe(false);
    const key = resultKey(space!, "0b7c6a2e-1111-4222-8333-944445555666", new Date("2026-11-22T23:59:00Z"));
    expect(key).toBe("2026-11-22/0b7c6a2e-1111-4222-8333-944445555666.frames.br");
    expect(dayFolderOf(space!, "2026-11-22/")).toBe("2026-11-22");
    expect(dayFolderOf(space!, "notes/")).toBeNull();
  });

  it("keeps nothing when retention is 0, or on S3 without SQL_RESULT_BUCKET", async () => {
    expect(await createResultSpace(loadConfig({ PORTAL_DATA_DIR: dataDir, SQL_RESULT_RETENTION_HOURS: "0" }))).toBeNull();
    expect(await createResultSpace(loadConfig({ PORTAL_DATA_DIR: dataDir, S3_ENDPOINT: "http://127.0.0.1:9" }))).toBeNull();
  });

  it("uses the configured S3 bucket under sql-results/, and says so when the bucket is missing", async () => {
    s3 = await startS3Server();
    const store = new S3ObjectStore({ endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    setObjectStore(store);
    const config = (bucket: string) => loadConfig({ PORTAL_DATA_DIR: dataDir, S3_ENDPOINT: s3!.endpoint, SQL_RESULT_BUCKET: bucket });
    await expect(createResultSpace(config("portal-results"))).rejects.toMatchObject({ code: "NOT_FOUND", message: 'There is no bucket named "portal-results".' });
    await store.client.send(new CreateBucketCommand({ Bucket: "portal-results" }));
    const space = await createResultSpace(config("portal-results"));
    expect(space).toMatchObject({ bucket: "portal-results", prefix: "sql-results/" });
    expect(dayFolderOf(space!, "sql-results/2026-11-22/")).toBe("2026-11-22");
  });
});

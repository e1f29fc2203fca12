// PORTAL_BUCKET_ACCESS: parsed with clear errors at start-up, enforced per bucket and role.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config/env";
import { assertCanRead, assertCanWrite, rightsOf } from "./access";

// This file's configuration (read lazily, on first use): an S3 store whose bucket "portal-results"
// keeps the workbench's query results.
process.env.S3_ENDPOINT = "http://127.0.0.1:9";
process.env.SQL_RESULT_BUCKET = "portal-results";

const rules = loadConfig({
  PORTAL_BUCKET_ACCESS: JSON.stringify({
    raw: { read: "viewer", write: "editor" },
    archive: { read: "viewer", write: "none" },
    curated: { read: "editor", write: "admin" },
    secret: { read: "none", write: "none" },
  }),
}).PORTAL_BUCKET_ACCESS;

describe("bucket rights", () => {
  it("follows the rule of the bucket, by role", () => {
    expect(rightsOf("viewer", "raw", rules)).toEqual({ read: true, write: false });
    expect(rightsOf("editor", "raw", rules)).toEqual({ read: true, write: true });
    expect(rightsOf("admin", "archive", rules)).toEqual({ read: true, write: false });
    expect(rightsOf("viewer", "curated", rules)).toEqual({ read: false, write: false });
    expect(rightsOf("admin", "curated", rules)).toEqual({ read: true, write: true });
  });

  it("hides buckets no rule opens (404), refuses those above the role (403)", () => {
    expect(() => assertCanRead("admin", "secret", rules)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => assertCanRead("admin", "unlisted", rules)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => assertCanRead("viewer", "curated", rules)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => assertCanWrite("admin", "archive", rules)).toThrow(expect.objectContaining({ code: "FORBIDDEN", message: expect.stringContaining("read-only") }));
    expect(() => assertCanWrite("viewer", "raw", rules)).toThrow(expect.objectContaining({ code: "FORBIDDEN", message: expect.stringContaining("editor") }));
  });

  it('lets "*" cover the buckets not named, and defaults to viewers read, editors write', () => {
    const defaults = loadConfig({}).PORTAL_BUCKET_ACCESS;
    expect(rightsOf("viewer", "anything", defaults)).toEqual({ read: true, write: false });
    expect(rightsOf("editor", "anything", defaults)).toEqual({ read: true, write: true });
  });
});

describe("the workbench's result bucket", () => {
  it("is hidden from everyone, whatever the rules say: results are read back by their owner only", () => {
    const open = { "*": { read: "viewer", write: "editor" }, "portal-results": { read: "viewer", write: "viewer" } } as const;
    expect(rightsOf("admin", "portal-results", open)).toEqual({ read: false, write: false });
    expect(() => assertCanRead("admin", "portal-results", open)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(rightsOf("viewer", "raw", open)).toEqual({ read: true, write: false });
  });
});

describe("PORTAL_BUCKET_ACCESS validation", () => {
  const problem = (value: string) => {
    try {
      loadConfig({ PORTAL_BUCKET_ACCESS: value });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
    throw new Error("expected a configuration error");
  };

  it.each([
    ["{raw:", "not valid JSON"],
    ['["raw"]', "JSON object"],
    ['{"raw":{"read":"everyone","write":"editor"}}', '"raw" must be {"read":ROLE,"write":ROLE}'],
    ['{"raw":{"read":"viewer"}}', '"raw" must be'],
    ['{"raw":{"read":"admin","write":"viewer"}}', "must not be a lower role"],
    ['{"Not_A_Bucket":{"read":"viewer","write":"editor"}}', "not a bucket name"],
  ])("names the variable and the mistake for %s", (value, message) => {
    expect(problem(value)).toEqual([{ variable: "PORTAL_BUCKET_ACCESS", message: expect.stringContaining(message) }]);
  });

  it("checks the S3 settings too", () => {
    expect(() => loadConfig({ S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ S3_FORCE_PATH_STYLE: "maybe" })).toThrow(/S3_FORCE_PATH_STYLE: must be true or false/);
    expect(() => loadConfig({ S3_ENDPOINT: "http://minio:9000", S3_ACCESS_KEY_ID: "key" })).toThrow(/S3_SECRET_ACCESS_KEY/);
    const ok = loadConfig({ S3_ENDPOINT: "http://minio:9000", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_FORCE_PATH_STYLE: "false" });
    expect(ok).toMatchObject({ S3_ENDPOINT: "http://minio:9000", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: false });
  });
});

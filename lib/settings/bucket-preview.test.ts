// The rules preview decides like server/storage/access.ts: a bucket's own rule before "*", none
// hides it, write needs read.
import { describe, expect, it } from "vitest";
import { previewBucketAccess } from "./bucket-preview";
import { bucketRulesSchema } from "./value-schemas";

describe("previewBucketAccess", () => {
  it("applies a bucket's own rule, else the * fallback, else hides it", () => {
    const rules = bucketRulesSchema.parse({ raw: { read: "editor", write: "admin" }, archive: { read: "viewer", write: "none" }, "*": { read: "viewer", write: "editor" } });
    const byBucket = Object.fromEntries(previewBucketAccess(rules, ["raw", "archive", "curated"]).map((p) => [p.bucket, p]));
    expect(byBucket.raw).toEqual({
      bucket: "raw",
      rule: "raw",
      rights: { viewer: { read: false, write: false }, editor: { read: true, write: false }, admin: { read: true, write: true } },
    });
    expect(byBucket.archive!.rights.admin).toEqual({ read: true, write: false });
    expect(byBucket.curated).toMatchObject({ rule: "*", rights: { viewer: { read: true, write: false }, editor: { read: true, write: true } } });
    expect(previewBucketAccess({ raw: { read: "viewer", write: "viewer" } }, ["curated"])[0]).toMatchObject({ rule: null, rights: { admin: { read: false, write: false } } });
  });
});

describe("bucketRulesSchema", () => {
  it.each([
    [{ "": { read: "viewer", write: "editor" } }, "empty bucket name"],
    [{ raw: { read: "boss", write: "editor" } }, '"boss" is not a role'],
    [{ raw: { read: "viewer" } }, '"raw" must be {"read":ROLE,"write":ROLE}'],
    [{ raw: { read: "viewer", write: "editor", colour: "red" } }, '"raw" must be'],
    [{ raw: { read: "viewer", write: "editor", maxUploadMB: 0.5 } }, "maxUploadMB must be a whole number"],
    [[], "must be a JSON object"],
  ])("refuses %j with the reason", (value, reason) => {
    const parsed = bucketRulesSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(reason);
  });
});

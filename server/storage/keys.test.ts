// Key rules: what the portal writes must be a plain relative path; reads from S3 stay lenient.
import { describe, expect, it } from "vitest";
import { assertLenientKey, assertStrictKey, baseName, isValidBucketName, parentPrefix, strictKeyProblem } from "./keys";

describe("strict keys", () => {
  it.each([
    ["../etc/passwd", '"." or ".."'],
    ["a/../../b", '"." or ".."'],
    ["a/./b", '"." or ".."'],
    ["/abs/path", "relative"],
    ["C:/windows", "relative"],
    ["a\\b", "backslashes"],
    ["nul\0", "NUL"],
    ["tab\there", "the control character U+0009 (tab)"],
    ["bidi\u202Eexe.pdf", "the invisible right-to-left override U+202E"],
    ["c1\u0085x", "the control character U+0085"],
    ["a//b", "empty path segments"],
    ["trailing/", "empty path segments"],
    ["", "empty"],
    ["x".repeat(1025), "1024 bytes"],
    [`${"é".repeat(200)}/f`, "255 bytes"],
  ])("refuses %j (%s)", (key, why) => {
    expect(strictKeyProblem(key)).toContain(why);
    expect(() => assertStrictKey(key)).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
  });

  it.each(["a.csv", "raw/2024/06/part-0001.parquet", "with space/ü ñ 日本.txt", "a+b%20c&d=e#f", "..hidden-ish", "dots.../file"])("accepts %j", (key) => {
    expect(strictKeyProblem(key)).toBeNull();
  });

  it("accepts a trailing slash only for folders", () => {
    expect(strictKeyProblem("new/folder/", { folder: true })).toBeNull();
    expect(strictKeyProblem("new/folder/")).not.toBeNull();
  });
});

describe("the refusal of a hidden character", () => {
  it("names the character and shows the name without it, so the message cannot be reordered", () => {
    expect(() => assertStrictKey("invoice\u202Efdp.exe")).toThrow('File names may not contain the invisible right-to-left override U+202E (in "invoice[U+202E]fdp.exe").');
    expect(() => assertStrictKey("a\u2067b/", { folder: true })).toThrow("Folder names may not contain the invisible right-to-left isolate U+2067");
  });

  it("reports the field for forms", () => {
    try {
      assertStrictKey("x\u200Fy");
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { key: ["must not contain the invisible right-to-left mark U+200F"] } });
    }
  });
});

describe("lenient keys (reads from S3)", () => {
  it("accepts what S3 accepts, refuses NUL and over-long keys", () => {
    expect(() => assertLenientKey("odd//key/../x")).not.toThrow();
    expect(() => assertLenientKey("a\0b")).toThrow();
    expect(() => assertLenientKey("x".repeat(1025))).toThrow();
  });
});

describe("names", () => {
  it("validates bucket names as S3 does", () => {
    expect(["raw", "curated", "my.bucket-01"].every(isValidBucketName)).toBe(true);
    expect(["ab", "Raw", "-raw", "raw-", "a..b", ".tmp", "a_b", "x".repeat(64)].some(isValidBucketName)).toBe(false);
  });

  it("splits keys into folder and name", () => {
    expect([baseName("a/b/c.csv"), parentPrefix("a/b/c.csv")]).toEqual(["c.csv", "a/b/"]);
    expect([baseName("a/b/"), parentPrefix("a/b/")]).toEqual(["b", "a/"]);
    expect([baseName("c.csv"), parentPrefix("c.csv")]).toEqual(["c.csv", ""]);
  });
});

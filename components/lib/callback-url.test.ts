import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInPathFor } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("accepts paths on this site", () => {
    expect(safeCallbackUrl("/admin/users?page=2")).toBe("/admin/users?page=2");
    expect(safeCallbackUrl("/")).toBe("/");
  });

  it("refuses other origins and odd values", () => {
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "evil", "", "/\t/evil.example", "/signin", "/signin?callbackUrl=%2F"]) {
      expect(safeCallbackUrl(bad)).toBe("/");
    }
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/a");
  });
});

describe("signInPathFor", () => {
  it("builds the return link without Next's _rsc parameter", () => {
    expect(signInPathFor("/admin/users?_rsc=abc")).toBe("/signin?callbackUrl=%2Fadmin%2Fusers");
    expect(signInPathFor("/admin/audit?subject=a&_rsc=1")).toBe("/signin?callbackUrl=%2Fadmin%2Faudit%3Fsubject%3Da");
    expect(signInPathFor("/")).toBe("/signin");
    expect(signInPathFor(null)).toBe("/signin");
  });
});

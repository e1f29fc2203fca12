import { describe, expect, it } from "vitest";
import { claimAt, evaluateRules, parseClaims } from "./rules";
import type { RoleRule } from "./schemas";

const adminsByGroup: RoleRule = { claim: "groups", operator: "contains", value: "data-admins", outcome: "admin" };
const viewersByDomain: RoleRule = { claim: "email", operator: "domain", value: "example.com", outcome: "viewer" };
const contractorsRefused: RoleRule = { claim: "employee_type", operator: "equals", value: "contractor", outcome: "refuse" };

describe("evaluateRules", () => {
  it("lets the first matching rule decide, in order", () => {
    const claims = { email: "ana@example.com", groups: ["data-admins"] };
    expect(evaluateRules([adminsByGroup, viewersByDomain], null, claims)).toMatchObject({ outcome: "role", role: "admin", ruleIndex: 0 });
    expect(evaluateRules([viewersByDomain, adminsByGroup], null, claims)).toMatchObject({ outcome: "role", role: "viewer", ruleIndex: 0 });
  });

  it("records why each rule before the deciding one did not match", () => {
    const decision = evaluateRules([adminsByGroup, viewersByDomain], null, { email: "bo@example.com", groups: ["analysts"] });
    expect(decision).toMatchObject({ outcome: "role", role: "viewer", ruleIndex: 1 });
    expect(decision.checks).toEqual([
      { index: 0, matched: false, reason: 'groups (["analysts"]) does not contain "data-admins"' },
      { index: 1, matched: true, reason: "email is an address at example.com" },
    ]);
  });

  it("falls back to the default role, or refuses when there is none", () => {
    const claims = { email: "eve@elsewhere.org" };
    expect(evaluateRules([adminsByGroup, viewersByDomain], "viewer", claims)).toMatchObject({ outcome: "role", role: "viewer", ruleIndex: null });
    expect(evaluateRules([adminsByGroup, viewersByDomain], null, claims)).toMatchObject({ outcome: "refuse", ruleIndex: null });
    expect(evaluateRules([], null, claims)).toMatchObject({ outcome: "refuse", ruleIndex: null });
  });

  it("refuses when a refuse rule matches first, whatever the default", () => {
    const decision = evaluateRules([contractorsRefused, viewersByDomain], "editor", { email: "cy@example.com", employee_type: "contractor" });
    expect(decision).toMatchObject({ outcome: "refuse", ruleIndex: 0 });
  });

  it("treats a missing or null claim as no match, never as an error", () => {
    const decision = evaluateRules([adminsByGroup], null, { groups: null });
    expect(decision.checks[0]).toEqual({ index: 0, matched: false, reason: "the claim groups is missing" });
    expect(evaluateRules([viewersByDomain], null, {}).checks[0]?.reason).toBe("the claim email is missing");
  });

  it("contains: array elements or space-separated words, never substrings", () => {
    const rule = adminsByGroup;
    expect(evaluateRules([rule], null, { groups: ["x", "data-admins"] }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { groups: "readers data-admins" }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { groups: "data-admins" }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { groups: ["data-admins-old"] }).outcome).toBe("refuse");
    expect(evaluateRules([rule], null, { groups: "data-admins-old" }).outcome).toBe("refuse");
    expect(evaluateRules([rule], null, { groups: ["Data-Admins"] }).outcome).toBe("refuse");
    expect(evaluateRules([rule], null, { groups: { name: "data-admins" } }).checks[0]?.reason).toMatch(/not a list or text/);
  });

  it("equals: a single value (strings, numbers, booleans, a one-element array), case-sensitive", () => {
    const rule: RoleRule = { claim: "department", operator: "equals", value: "42", outcome: "editor" };
    expect(evaluateRules([rule], null, { department: 42 }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { department: "42" }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { department: ["42"] }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { department: ["42", "43"] }).checks[0]?.reason).toMatch(/not a single value/);
    expect(evaluateRules([rule], null, { department: "420" }).outcome).toBe("refuse");
    const flag: RoleRule = { claim: "is_staff", operator: "equals", value: "true", outcome: "editor" };
    expect(evaluateRules([flag], null, { is_staff: true }).outcome).toBe("role");
    const word: RoleRule = { claim: "team", operator: "equals", value: "Data", outcome: "editor" };
    expect(evaluateRules([word], null, { team: "data" }).outcome).toBe("refuse");
  });

  it("domain: the address's own domain without case, with or without @, not subdomains or look-alikes", () => {
    const rule: RoleRule = { claim: "email", operator: "domain", value: "@Example.com", outcome: "viewer" };
    expect(evaluateRules([rule], null, { email: "Ana@EXAMPLE.COM" }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { email: "ana@mail.example.com" }).outcome).toBe("refuse");
    expect(evaluateRules([rule], null, { email: "ana@example.com.evil.org" }).outcome).toBe("refuse");
    expect(evaluateRules([rule], null, { email: "example.com" }).outcome).toBe("refuse");
    expect(evaluateRules([rule], null, { email: "ana@evil.org@example.com" }).outcome).toBe("role"); // the last @ decides, as for mail
    expect(evaluateRules([rule], null, { email: ["a@other.org", "a@example.com"] }).outcome).toBe("role");
    expect(evaluateRules([rule], null, { email: 7 }).outcome).toBe("refuse");
  });

  it("reads nested claims by dotted path, and a claim whose name has dots as itself", () => {
    const rule: RoleRule = { claim: "realm_access.roles", operator: "contains", value: "portal-admin", outcome: "admin" };
    expect(evaluateRules([rule], null, { realm_access: { roles: ["portal-admin"] } }).outcome).toBe("role");
    expect(claimAt({ "https://example.com/groups": ["a"] }, "https://example.com/groups")).toEqual(["a"]);
    expect(claimAt({ realm_access: ["roles"] }, "realm_access.roles")).toBeUndefined();
    expect(claimAt({ a: { constructor: 1 } }, "a.toString")).toBeUndefined();
  });
});

describe("parseClaims", () => {
  it("accepts a JSON object and explains anything else", () => {
    expect(parseClaims('{"email":"a@b.c"}')).toEqual({ ok: true, claims: { email: "a@b.c" } });
    expect(parseClaims("[1]")).toMatchObject({ ok: false, message: expect.stringMatching(/must be a JSON object/) });
    expect(parseClaims("null")).toMatchObject({ ok: false });
    expect(parseClaims("{email:")).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
  });
});

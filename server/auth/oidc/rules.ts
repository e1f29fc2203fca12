// Claim → role rules, evaluated in order: the first rule that matches decides (a role, or a
// refusal); when none matches, the default role applies, or the sign-in is refused when there
// is none. Pure: the sign-in, the admin page's "try these claims" box and the tests share it.
//
// Operators, chosen so that a near miss never grants a role:
// - equals:   the claim is a string, number or boolean equal to the value (case-sensitive); an
//             array equals the value only when it holds exactly that one element.
// - contains: the claim is an array with an element equal to the value, or a string that is the
//             value or a space-separated list holding it (like `scope`). Never a substring:
//             "data-admins-old" does not contain "data-admins".
// - domain:   the claim is an e-mail address (or an array of them) at that domain, compared
//             without case; "@example.com" and "example.com" mean the same, subdomains do not match.
import type { Role } from "../../../lib/auth/roles";
import type { RoleRule } from "./schemas";

export type Claims = Record<string, unknown>;

export type RuleCheck = { index: number; matched: boolean; reason: string };

export type RuleDecision = { outcome: "role"; role: Role; ruleIndex: number | null; checks: RuleCheck[] } | { outcome: "refuse"; ruleIndex: number | null; checks: RuleCheck[] };

/** The value at a claim path (`realm_access.roles`); undefined when any step is missing. */
export function claimAt(claims: Claims, path: string): unknown {
  // A claim whose own name has dots (`https://example.com/groups`) wins over the nested reading.
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const step of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function atDomain(address: unknown, domain: string): boolean {
  if (typeof address !== "string") return false;
  const at = address.lastIndexOf("@");
  return at > 0 && address.slice(at + 1).toLowerCase() === domain;
}

/** Whether one rule matches, and why (or why not), in words an admin can read. */
export function checkRule(rule: RoleRule, claims: Claims): { matched: boolean; reason: string } {
  const value = claimAt(claims, rule.claim);
  if (value === undefined || value === null) return { matched: false, reason: `the claim ${rule.claim} is missing` };
  switch (rule.operator) {
    case "equals": {
      const text = Array.isArray(value) ? (value.length === 1 ? scalarText(value[0]) : null) : scalarText(value);
      if (text === null) return { matched: false, reason: `${rule.claim} is ${describe(value)}, not a single value` };
      return text === rule.value ? { matched: true, reason: `${rule.claim} equals ${describe(rule.value)}` } : { matched: false, reason: `${rule.claim} is ${describe(value)}` };
    }
    case "contains": {
      const items = Array.isArray(value) ? value.map(scalarText) : typeof value === "string" ? value.split(" ") : null;
      if (items === null) return { matched: false, reason: `${rule.claim} is ${describe(value)}, not a list or text` };
      return items.includes(rule.value)
        ? { matched: true, reason: `${rule.claim} contains ${describe(rule.value)}` }
        : { matched: false, reason: `${rule.claim} (${describe(value)}) does not contain ${describe(rule.value)}` };
    }
    case "domain": {
      const domain = rule.value.replace(/^@/, "").toLowerCase();
      const addresses = Array.isArray(value) ? value : [value];
      return addresses.some((address) => atDomain(address, domain))
        ? { matched: true, reason: `${rule.claim} is an address at ${domain}` }
        : { matched: false, reason: `${rule.claim} (${describe(value)}) is not an address at ${domain}` };
    }
  }
}

/** The first matching rule's outcome, else the default role, else a refusal; with every check made. */
export function evaluateRules(rules: readonly RoleRule[], defaultRole: Role | null, claims: Claims): RuleDecision {
  const checks: RuleCheck[] = [];
  for (const [index, rule] of rules.entries()) {
    const check = checkRule(rule, claims);
    checks.push({ index, ...check });
    if (!check.matched) continue;
    return rule.outcome === "refuse" ? { outcome: "refuse", ruleIndex: index, checks } : { outcome: "role", role: rule.outcome, ruleIndex: index, checks };
  }
  return defaultRole ? { outcome: "role", role: defaultRole, ruleIndex: null, checks } : { outcome: "refuse", ruleIndex: null, checks };
}

/** Parses pasted claims: a JSON object, or a clear message saying what is wrong. */
export function parseClaims(text: string): { ok: true; claims: Claims } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Not valid JSON: ${(err as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { ok: false, message: 'The claims must be a JSON object, e.g. {"email": "ana@example.com", "groups": ["data-admins"]}.' };
  return { ok: true, claims: value as Claims };
}

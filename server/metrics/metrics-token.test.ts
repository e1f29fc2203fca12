// PORTAL_METRICS_TOKEN: with it set, only "Authorization: Bearer <token>" reads the metrics.
import { describe, expect, it } from "vitest";
import { metricsAccessRefusal, METRICS_TOKEN_REQUIRED, METRICS_TOKEN_WRONG } from "./metrics-token";

const TOKEN = "s3cret-metrics-token-0123456789";

describe("metricsAccessRefusal", () => {
  it("lets everyone in when no token is configured (as before)", () => {
    expect(metricsAccessRefusal(null, undefined)).toBeNull();
    expect(metricsAccessRefusal("Bearer whatever", undefined)).toBeNull();
  });

  it("lets the right token in", () => {
    expect(metricsAccessRefusal(`Bearer ${TOKEN}`, TOKEN)).toBeNull();
    expect(metricsAccessRefusal(`bearer ${TOKEN}`, TOKEN)).toBeNull();
  });

  it.each([
    [null, METRICS_TOKEN_REQUIRED],
    ["", METRICS_TOKEN_REQUIRED],
    [TOKEN, METRICS_TOKEN_REQUIRED],
    [`Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`, METRICS_TOKEN_REQUIRED],
    ["Bearer", METRICS_TOKEN_REQUIRED],
    [`Bearer ${TOKEN} extra`, METRICS_TOKEN_REQUIRED],
    [`Bearer ${TOKEN.slice(0, -1)}`, METRICS_TOKEN_WRONG],
    [`Bearer ${TOKEN}x`, METRICS_TOKEN_WRONG],
    [`Bearer ${TOKEN.toUpperCase()}`, METRICS_TOKEN_WRONG],
    [`Bearer ${"a".repeat(100_000)}`, METRICS_TOKEN_WRONG],
    [`Bearer ${TOKEN}\u0000`, METRICS_TOKEN_WRONG],
  ])("refuses %s", (authorization, reason) => {
    expect(metricsAccessRefusal(authorization, TOKEN)).toBe(reason);
  });
});

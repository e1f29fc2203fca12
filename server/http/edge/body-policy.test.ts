// Each route's body cap and formats: the lineage ingestion route takes JSON and NDJSON up to
// PORTAL_LINEAGE_MAX_MB (default 10 MB), and the edge refuses a declared size over it with 413.
import { describe, expect, it } from "vitest";
import { bodyPolicyFor, MB } from "./body-policy";
import { bodyRefusal } from "./request-guard";
import type { EdgeRequest } from "./own-origin";

describe("body policy of POST /api/v1/lineage", () => {
  it("takes JSON and NDJSON up to 10 MB by default", () => {
    expect(bodyPolicyFor("/api/v1/lineage")).toEqual({ name: "lineage ingestion", maxBytes: 10 * MB, contentTypes: ["application/json", "application/x-ndjson"] });
  });

  it("answers 413 naming the limit for a larger declared body, and 415 for other formats", () => {
    const request = (headers: Record<string, string>): EdgeRequest => ({ method: "POST", url: "/api/v1/lineage", headers, remoteAddress: "127.0.0.1", encrypted: false });
    expect(bodyRefusal(request({ "content-type": "application/json", "content-length": String(11 * MB) }))).toEqual({
      status: 413,
      message: "Request body too large: lineage ingestion accepts at most 10 MB (this request declares 11 MB).",
    });
    expect(bodyRefusal(request({ "content-type": "application/x-ndjson", "content-length": String(MB) }))).toBeNull();
    expect(bodyRefusal(request({ "content-type": "text/csv", "content-length": "10" }))?.status).toBe(415);
  });
});

// Every kind of refusal server/lineage/validate-event.ts writes gets its own reason class: real
// bad events run through checkEvent, and none may land in "other" (a new kind of refusal, or a
// reworded one, makes this fail until lineage-refusal-reason.ts knows it).
import { describe, expect, it } from "vitest";
import { checkEvent } from "../lineage/validate-event";
import { NOT_STORED } from "../lineage/ingest";
import { readLineageBody } from "../lineage/request-body";
import { facet, runEvent } from "../lineage/testing/events";
import { lineageRefusalReason, LINEAGE_REFUSAL_REASONS } from "./lineage-refusal-reason";

const base = () => runEvent({ time: "2025-01-01T00:00:00Z" });

function reasonOf(event: unknown): string {
  const check = checkEvent(event, JSON.stringify(event));
  if (check.ok) throw new Error("the event was accepted");
  return check.reason;
}

describe("lineageRefusalReason", () => {
  it.each([
    ["not_an_event", [base()]],
    ["not_an_event", { hello: "world" }],
    ["placeholder_or_nul", { ...base(), eventTime: "{{ any(result) }}" }],
    ["placeholder_or_nul", { ...base(), job: { namespace: "n", name: "a\u0000b" } }],
    ["event_time", { ...base(), eventTime: undefined }],
    ["event_time", { ...base(), eventTime: 42 }],
    ["event_time", { ...base(), eventTime: "yesterday" }],
    ["run_id", { ...base(), run: {} }],
    ["event_type", { ...base(), eventType: "FINISHED" }],
    ["spec_schema", { ...base(), run: { runId: "run-42" } }],
    ["name_limits", runEvent({ time: "2025-01-01T00:00:00Z", job: { namespace: "n", name: "x".repeat(1_001) } })],
    ["name_limits", runEvent({ time: "2025-01-01T00:00:00Z", job: { namespace: "", name: "x" } })],
    ["facet", runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "n", name: "t", facets: { schema: facet({ fields: [{ type: "int" }] }) } }] })],
    ["facet", runEvent({ time: "2025-01-01T00:00:00Z", outputs: [{ namespace: "n", name: "t", facets: { schema: facet({ fields: [{ name: "f".repeat(501) }] }) } }] })],
  ])("classes a real refusal as %s", (reason, event) => {
    expect(lineageRefusalReason(reasonOf(event))).toBe(reason);
  });

  it("classes a line of an NDJSON batch that is not JSON", async () => {
    const body = await readLineageBody(new Request("http://portal.test/api/v1/lineage", { method: "POST", body: `${JSON.stringify(base())}\n{"eventTime": ` }), 1_000_000);
    const errors = "items" in body ? body.items.flatMap((item) => ("error" in item ? [item.error] : [])) : [];
    expect(errors).toHaveLength(1);
    expect(lineageRefusalReason(errors[0]!)).toBe("not_json");
  });

  it("classes the ingestion's own storage failure, and anything unknown as other", () => {
    expect(lineageRefusalReason(NOT_STORED)).toBe("not_stored");
    expect(lineageRefusalReason("Something nobody wrote yet.")).toBe("other");
    expect(LINEAGE_REFUSAL_REASONS).toContain("other");
    expect(new Set(LINEAGE_REFUSAL_REASONS).size).toBe(LINEAGE_REFUSAL_REASONS.length);
  });
});

// The "N datasets" line: exact where it is known, "1,000+" while only the capped count is in,
// and "About …" when the facets' total is an estimate.
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "@/server/api/root";
import { totalLabel } from "./total-label";

type SearchOutput = RouterOutputs["catalog"]["search"];
type FacetsOutput = RouterOutputs["catalog"]["facets"];
const search = (total: number, totalCapped: boolean): SearchOutput => ({ hits: [], total, totalCapped, page: 1, pageSize: 20, message: null, corrections: [], partial: false });
const facets = (total: number, estimated: boolean): FacetsOutput => ({ total, estimated, message: null, facets: { catalog: [], schema: [], kind: [], tag: [], owner: [] } });

describe("totalLabel", () => {
  it("shows the search's own count when it is complete, whatever the facets say", () => {
    expect(totalLabel(search(412, false), facets(400, true))).toEqual({ count: 412, text: "412" });
  });
  it("shows 1,000+ until the facets' total has come", () => {
    expect(totalLabel(search(1_000, true), undefined)).toEqual({ count: 1_000, text: "1,000+" });
  });
  it("shows the facets' exact total, and labels an estimated one", () => {
    expect(totalLabel(search(1_000, true), facets(4_321, false))).toEqual({ count: 4_321, text: "4,321" });
    expect(totalLabel(search(1_000, true), facets(12_400, true))).toEqual({ count: 12_400, text: "About 12,400" });
  });
  it("never shows an estimate below what the search already counted", () => {
    expect(totalLabel(search(1_000, true), facets(900, true))).toEqual({ count: 1_000, text: "1,000+" });
  });
});

// The facet panel says when its counts are estimates: "~" before each count, "about" for screen
// readers, and a note; exact counts stay plain.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "@/server/api/root";
import { FacetPanel } from "./facet-panel";

type FacetsOutput = RouterOutputs["catalog"]["facets"];
const facets = (estimated: boolean): FacetsOutput => ({
  total: estimated ? 624_000 : 3,
  estimated,
  message: null,
  facets: { catalog: [], schema: [{ value: "s001", count: estimated ? 1_200 : 3 }], kind: [], tag: [], owner: [] },
});
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("FacetPanel", () => {
  it("marks estimated counts and says why", () => {
    const html = renderToStaticMarkup(<FacetPanel facets={facets(true)} filters={{}} onChange={() => {}} />);
    expect(text(html)).toContain("s001 ~1,200");
    expect(html).toContain('aria-label="about 1,200"');
    expect(text(html)).toMatch(/Counts are estimated from a sample of the catalog/);
  });
  it("shows exact counts as they are", () => {
    const html = renderToStaticMarkup(<FacetPanel facets={facets(false)} filters={{}} onChange={() => {}} />);
    expect(text(html)).toContain("s001 3");
    expect(html).not.toContain("about");
    expect(text(html)).not.toMatch(/estimated/);
  });
});

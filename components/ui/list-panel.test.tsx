// The states come in a fixed order; the pages rely on it (e.g. a failed refetch keeps the rows).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ListPanel, type ListQuery } from "./list-panel";

type Page = { items: string[] };
const query = (over: Partial<ListQuery<Page>>): ListQuery<Page> => ({ data: undefined, isError: false, error: null, refetch: () => undefined, ...over });

function render(q: ListQuery<Page>, reportStaleError = false) {
  return renderToStaticMarkup(
    <ListPanel
      query={q}
      pending={<p>loading</p>}
      isEmpty={(d) => d.items.length === 0}
      empty={<p>empty</p>}
      footer={(d) => <p>{d.items.length} items</p>}
      reportStaleError={reportStaleError}
    >
      {(d) => <ul>{d.items.join(",")}</ul>}
    </ListPanel>,
  );
}

describe("ListPanel", () => {
  it("shows the placeholder until the first data, without a footer", () => {
    const html = render(query({}));
    expect(html).toContain("<p>loading</p>");
    expect(html).not.toContain("items");
  });

  it("shows the error (with Retry) when the query failed with nothing to show", () => {
    const html = render(query({ isError: true, error: new Error("boom") }));
    expect(html).toContain('role="alert"');
    expect(html).toContain("boom");
    expect(html).toContain("Retry");
    expect(html).not.toContain("loading");
  });

  it("shows the empty state, without a footer, for an empty page", () => {
    const html = render(query({ data: { items: [] } }));
    expect(html).toContain("<p>empty</p>");
    expect(html).not.toContain("items");
  });

  it("shows the rows and the footer inside the card", () => {
    const html = render(query({ data: { items: ["a", "b"] } }));
    expect(html).toMatch(/^<div class="overflow-hidden rounded-xl border[^"]*"><ul>a,b<\/ul><div class="border-t[^"]*"><p>2 items<\/p><\/div><\/div>$/);
  });

  it("keeps the rows when a refetch fails, and says so under the card only when asked", () => {
    const failed = query({ data: { items: ["a"] }, isError: true, error: new Error("boom") });
    expect(render(failed)).not.toContain("boom");
    const html = render(failed, true);
    expect(html).toContain("<ul>a</ul>");
    expect(html.indexOf("boom")).toBeGreaterThan(html.indexOf("</ul>"));
  });
});

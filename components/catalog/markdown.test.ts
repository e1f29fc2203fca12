// Descriptions are written by people and shown to everyone: Markdown renders as expected, and
// nothing in it can run script or send readers to a script URL.
import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown";

const texts = (blocks: unknown) => JSON.stringify(blocks);

describe("safe Markdown", () => {
  it("renders the common subset", () => {
    expect(
      parseMarkdown("# Flights\n\nOne row per **departure**, see [docs](https://example.com/docs).\n\n- a\n- b `c`\n\n1. one\n2. two\n\n> note\n\n```\nSELECT 1\n```\n\n---"),
    ).toEqual([
      { type: "heading", level: 1, children: [{ type: "text", text: "Flights" }] },
      {
        type: "paragraph",
        children: [
          { type: "text", text: "One row per " },
          { type: "strong", children: [{ type: "text", text: "departure" }] },
          { type: "text", text: ", see " },
          { type: "link", href: "https://example.com/docs", children: [{ type: "text", text: "docs" }] },
          { type: "text", text: "." },
        ],
      },
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [
          [{ type: "text", text: "a" }],
          [
            { type: "text", text: "b " },
            { type: "code", text: "c" },
          ],
        ],
      },
      { type: "list", ordered: true, start: 1, items: [[{ type: "text", text: "one" }], [{ type: "text", text: "two" }]] },
      { type: "quote", children: [{ type: "paragraph", children: [{ type: "text", text: "note" }] }] },
      { type: "code", text: "SELECT 1" },
      { type: "rule" },
    ]);
  });

  it("keeps raw HTML as visible text", () => {
    const blocks = parseMarkdown('<script>alert("x")</script> <img src=x onerror=alert(1)>');
    expect(blocks).toEqual([{ type: "paragraph", children: [{ type: "text", text: '<script>alert("x")</script> <img src=x onerror=alert(1)>' }] }]);
  });

  it("drops links to javascript:, data: and other schemes, keeping their words", () => {
    for (const href of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      " javascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:x",
      "//evil.example",
      "/\\evil.example",
    ]) {
      expect(safeHref(href), href).toBeNull();
      const inline = parseInline(`[click](${href})`);
      expect(texts(inline)).not.toMatch(/"link"/);
      expect(texts(inline)).toMatch(/click/);
    }
    expect(safeHref("https://example.com")).toBe("https://example.com");
    expect(safeHref("mailto:data@example.com")).toBe("mailto:data@example.com");
    expect(safeHref("/catalog/duckdb")).toBe("/catalog/duckdb");
    expect(safeHref("#columns")).toBe("#columns");
  });

  it("does not turn snake_case names into emphasis, and links bare URLs", () => {
    expect(parseInline("see daily_flight_delays and _this_")).toEqual([
      { type: "text", text: "see daily_flight_delays and " },
      { type: "em", children: [{ type: "text", text: "this" }] },
    ]);
    expect(parseInline("docs: https://example.com/a_b.")).toEqual([
      { type: "text", text: "docs: " },
      { type: "link", href: "https://example.com/a_b", children: [{ type: "text", text: "https://example.com/a_b" }] },
      { type: "text", text: "." },
    ]);
  });

  it("handles unclosed markers and escapes as text", () => {
    expect(parseInline("2 * 3 = 6, **open and \\*literal\\*")).toEqual([{ type: "text", text: "2 * 3 = 6, **open and *literal*" }]);
  });
});

// Descriptions are written by people and shown to everyone: Markdown renders as expected, and
// nothing in it can run script, send readers to a script URL, or hang the page that shows it.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown-view";
import { safeHref } from "./markdown";
import { MARKDOWN_MAX_LENGTH, renderableAsMarkdown, scanMarkdown } from "./markdown-limits";

/** The rendered HTML without the styling classes and the wrapper, to compare structure. */
function render(source: string): string {
  return renderToStaticMarkup(<Markdown source={source} />)
    .replace(/ class="[^"]*"/g, "")
    .replace(/^<div>|<\/div>$/g, "")
    .replace(/\n/g, "");
}

const EXTERNAL = 'target="_blank" rel="noopener noreferrer nofollow"';

describe("safe Markdown", () => {
  it("renders the common subset", () => {
    expect(render("# Flights\n\nOne row per **departure**, see [docs](https://example.com/docs).\n\n- a\n- b `c`\n\n1. one\n2. two\n\n> note\n\n```\nSELECT 1\n```\n\n---")).toBe(
      "<h3>Flights</h3>" +
        `<p>One row per <strong>departure</strong>, see <a href="https://example.com/docs" ${EXTERNAL}>docs</a>.</p>` +
        "<ul><li>a</li><li>b <code>c</code></li></ul>" +
        "<ol><li>one</li><li>two</li></ol>" +
        "<blockquote><p>note</p></blockquote>" +
        "<pre><code>SELECT 1</code></pre>" +
        "<hr/>",
    );
  });

  it("keeps raw HTML as visible text", () => {
    expect(render('<script>alert("x")</script> <img src=x onerror=alert(1)>')).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>");
    expect(render('Before <b onclick="alert(1)">bold</b> after')).toBe("<p>Before &lt;b onclick=&quot;alert(1)&quot;&gt;bold&lt;/b&gt; after</p>");
    expect(render("<div>\n<iframe src=https://evil.example></iframe>\n</div>")).toBe(
      "<p>&lt;div&gt;\n&lt;iframe src=https://evil.example&gt;&lt;/iframe&gt;\n&lt;/div&gt;</p>".replace(/\n/g, ""),
    );
    expect(render("<!-- hidden --> text")).toContain("&lt;!-- hidden --&gt;");
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
      "/%5Cevil.example",
    ]) {
      expect(safeHref(href), href).toBeNull();
      const html = render(`[click](${href})`);
      expect(html, href).not.toMatch(/<a[\s>]/);
      expect(html, href).toMatch(/click/);
    }
    expect(safeHref("https://example.com")).toBe("https://example.com");
    expect(safeHref("mailto:data@example.com")).toBe("mailto:data@example.com");
    expect(safeHref("/catalog/duckdb")).toBe("/catalog/duckdb");
    expect(safeHref("#columns")).toBe("#columns");
  });

  it("does not turn snake_case names into emphasis, and links bare URLs", () => {
    expect(render("see daily_flight_delays and _this_")).toBe("<p>see daily_flight_delays and <em>this</em></p>");
    expect(render("docs: https://example.com/a_b.")).toBe(`<p>docs: <a href="https://example.com/a_b" ${EXTERNAL}>https://example.com/a_b</a>.</p>`);
  });

  it("handles unclosed markers and escapes as text", () => {
    expect(render("2 * 3 = 6, **open and \\*literal\\*")).toBe("<p>2 * 3 = 6, **open and *literal*</p>");
  });

  it("links inside the portal open in the same tab; strikethrough, tables and ordered starts render", () => {
    expect(render("[columns](#columns) [home](/catalog)")).toBe('<p><a href="#columns">columns</a> <a href="/catalog">home</a></p>');
    expect(render("~~old~~ name")).toBe("<p><del>old</del> name</p>");
    expect(render("| a | b |\n|---|--:|\n| 1 | 2 |")).toBe(
      '<div><table><thead><tr><th>a</th><th style="text-align:right">b</th></tr></thead><tbody><tr><td>1</td><td style="text-align:right">2</td></tr></tbody></table></div>',
    );
    expect(render("3. three\n4. four")).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
  });
});

describe("hostile descriptions", () => {
  it("never renders a script element, an event handler or a script URL", () => {
    const attacks = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "<a href=javascript:alert(1)>x</a>",
      "[x](javascript:alert(1))",
      "[x](&#106;avascript:alert(1))",
      "[x](java&#x09;script:alert(1))",
      "[x][ref]\n\n[ref]: javascript:alert(1)",
      "<javascript:alert(1)>",
      "![x](javascript:alert(1))",
      "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
      '[x](https://example.com "title" onclick="alert(1)")',
      "```html\n<script>alert(1)</script>\n```",
      "[x](<javascript:alert(1)>)",
      "[x](<java\tscript:alert(1)>)",
      "[x](<//evil.example>)",
      "[x](<data:text/html,<script>alert(1)</script>>)",
    ];
    for (const attack of attacks) {
      const html = renderToStaticMarkup(<Markdown source={attack} />);
      expect(html, attack).not.toMatch(/<(script|img|svg|iframe)[\s>]/i);
      expect(html, attack).not.toMatch(/<[^>]*\son\w+=/i);
      expect(html, attack).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
      expect(html, attack).not.toMatch(/href="\/\//);
    }
  });

  it("shows images as links to their source, so reading a description fetches nothing", () => {
    expect(render("![a chart](https://tracker.example/pixel.png)")).toBe(`<p><a href="https://tracker.example/pixel.png" ${EXTERNAL}>a chart</a></p>`);
    expect(render("![a chart](javascript:alert(1))")).toBe("<p>a chart</p>");
  });

  it("shows deeply nested or delimiter-heavy sources as plain text, quickly, with every character", () => {
    const bombs = {
      quotes: ">".repeat(20_000),
      "list markers": "- ".repeat(6_000) + "x",
      strong: "*".repeat(9_990) + "x" + "*".repeat(9_990),
      strikethrough: "~~a ".repeat(2_500) + "x" + " a~~".repeat(2_500),
      "images in images": "![".repeat(3_000) + "x" + "](/a)".repeat(3_000),
      brackets: "[".repeat(20_000),
      "alternating emphasis": "*_".repeat(4_990) + "x" + "_*".repeat(4_990),
    };
    for (const [name, source] of Object.entries(bombs)) {
      expect(renderableAsMarkdown(source), name).toBe(false);
      const started = performance.now();
      const html = renderToStaticMarkup(<Markdown source={source} />);
      expect(performance.now() - started, name).toBeLessThan(1_000);
      expect(html, name).toContain(source.slice(0, 50).replace(/>/g, "&gt;"));
    }
  });

  it("still renders real descriptions as Markdown: snake_case names, many links, moderate nesting", () => {
    expect(scanMarkdown("see daily_flight_delays, route_id and **bold** [x](/a)").nesting).toBeLessThanOrEqual(2);
    const longButPlain = "Routes for the **daily** dashboard, see [docs](https://example.com/docs) and `route_id`.\n\n- one _item_\n- two ~~old~~\n\n".repeat(200).slice(0, 20_000);
    expect(renderableAsMarkdown(longButPlain)).toBe(true);
    expect(renderableAsMarkdown("> > > - 1. deep but fine")).toBe(true);
    expect(render("> > - **x**")).toBe("<blockquote><blockquote><ul><li><strong>x</strong></li></ul></blockquote></blockquote>");
  });

  it("shows a source over the stored limit as plain text", () => {
    const huge = "**word** ".repeat(MARKDOWN_MAX_LENGTH / 9 + 1);
    expect(huge.length).toBeGreaterThan(MARKDOWN_MAX_LENGTH);
    const html = renderToStaticMarkup(<Markdown source={huge} />);
    expect(html).not.toContain("<strong");
    expect(html).toContain("**word** **word**");
  });
});

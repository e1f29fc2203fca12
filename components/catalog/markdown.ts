// A safe Markdown subset for dataset descriptions, parsed into a small tree that markdown.tsx
// renders with React elements (never as HTML): headings, paragraphs, lists, block quotes, code,
// rules; bold, italic, strikethrough, inline code and links. Raw HTML stays visible text, and a
// link is a link only to http(s), mailto, a path on this site or an anchor — `javascript:` and
// friends become plain text. Underscores inside words (snake_case names) are not emphasis.

export type Inline =
  { type: "text"; text: string } | { type: "code"; text: string } | { type: "strong" | "em" | "del"; children: Inline[] } | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Inline[][] }
  | { type: "code"; text: string }
  | { type: "quote"; children: Block[] }
  | { type: "rule" };

/** The link target if it is safe to follow, else null. */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const url = raw.trim().replace(/[\u0000-\u0020\u007f]/g, "");
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (url.startsWith("#")) return url;
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  return null;
}

const LIST_ITEM = /^(\s{0,3})([-*+]|(\d{1,9})[.)])\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = /^\s{0,3}(```|~~~)/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1]!.length as 1, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^\s{0,3}>\s?/, ""));
      blocks.push({ type: "quote", children: parseMarkdown(body.join("\n")) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = item[3] !== undefined;
      const items: string[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (m && (m[3] !== undefined) === ordered) items.push(m[4]!);
        else if (lines[i]!.trim() && /^\s+/.test(lines[i]!) && items.length) items[items.length - 1] += ` ${lines[i]!.trim()}`;
        else break;
        i++;
      }
      blocks.push({ type: "list", ordered, start: ordered ? Number(item[3]) : 1, items: items.map(parseInline) });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !/^\s{0,3}(#{1,6}\s|```|~~~|>)/.test(lines[i]!) && !LIST_ITEM.test(lines[i]!)) paragraph.push(lines[i++]!.trim());
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
  }
  return blocks;
}

const URL_PATTERN = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'*_]/y;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) out.push({ type: "text", text: buffer });
    buffer = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === "\\" && /[\\`*_{}[\]()#+\-.!~<>]/.test(text[i + 1] ?? "")) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "`") {
      const ticks = /^`+/.exec(rest)![0];
      const end = text.indexOf(ticks, i + ticks.length);
      if (end > 0) {
        flush();
        out.push({ type: "code", text: text.slice(i + ticks.length, end).trim() });
        i = end + ticks.length;
        continue;
      }
    }
    const delimited = delimiter(text, i);
    if (delimited) {
      flush();
      out.push({ type: delimited.type, children: parseInline(delimited.inner) });
      i = delimited.end;
      continue;
    }
    if (c === "[") {
      // The target may hold balanced parentheses: [x](https://en.wikipedia.org/wiki/Foo_(bar)).
      const link = /^\[((?:\\.|[^\]\\])*)\]\(\s*((?:[^\s()]|\([^\s()]*\))*)(?:\s+"[^"]*")?\s*\)/.exec(rest);
      if (link) {
        flush();
        const href = safeHref(link[2]!);
        const children = parseInline(link[1]!);
        if (href) out.push({ type: "link", href, children });
        else out.push(...children); // an unsafe target: keep the words, drop the link
        i += link[0].length;
        continue;
      }
    }
    if (c === "<") {
      const auto = /^<(https?:\/\/[^\s<>]+|mailto:[^\s<>]+)>/.exec(rest);
      if (auto) {
        flush();
        out.push({ type: "link", href: auto[1]!, children: [{ type: "text", text: auto[1]!.replace(/^mailto:/, "") }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((c === "h" || c === "H") && (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!))) {
      URL_PATTERN.lastIndex = i;
      const url = URL_PATTERN.exec(text);
      if (url) {
        flush();
        out.push({ type: "link", href: url[0], children: [{ type: "text", text: url[0] }] });
        i += url[0].length;
        continue;
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

/** **strong**, __strong__, *em*, _em_ and ~~del~~ starting at i; `_` only at word edges. */
function delimiter(text: string, i: number): { type: "strong" | "em" | "del"; inner: string; end: number } | null {
  for (const [marker, type] of [
    ["**", "strong"],
    ["__", "strong"],
    ["~~", "del"],
    ["*", "em"],
    ["_", "em"],
  ] as const) {
    if (!text.startsWith(marker, i)) continue;
    const after = text[i + marker.length];
    if (!after || /\s/.test(after) || (marker.length === 1 && after === marker)) continue;
    const underscore = marker.startsWith("_");
    if (underscore && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]!)) continue;
    let from = i + marker.length + 1;
    for (;;) {
      const end = text.indexOf(marker, from);
      if (end < 0) break;
      const before = text[end - 1]!;
      const next = text[end + marker.length];
      const closes = !/\s/.test(before) && before !== "\\" && (!underscore || !next || !/[\p{L}\p{N}]/u.test(next)) && (marker.length === 2 || text[end + 1] !== marker);
      if (closes) return { type, inner: text.slice(i + marker.length, end), end: end + marker.length };
      from = end + 1;
    }
  }
  return null;
}

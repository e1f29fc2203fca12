// The link policy of dataset descriptions (rendered by ./markdown-view with react-markdown): a
// link or image source is kept only when it goes to http(s), mailto, a path on this site or an
// anchor — `javascript:`, `data:`, `vbscript:`, protocol-relative `//host` and friends are
// dropped, and the words stay as plain text. Stricter than react-markdown's default transform,
// which also keeps irc:, xmpp: and relative URLs (`foo`, `?q`, resolved against the page).

/** The link target if it is safe to follow, else null. */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const url = raw.trim().replace(/[\u0000-\u0020\u007f]/g, "");
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (url.startsWith("#")) return url;
  // "/\host" is "//host" to a browser; the parser hands a backslash over percent-encoded.
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") && !/^\/%5c/i.test(url)) return url;
  return null;
}

/** Links that leave the portal open in a new tab, without giving the other site a handle on it. */
export function isExternal(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href);
}

type MdastNode = { type: string; value?: string; children?: MdastNode[] };

// Containers whose children are blocks: raw HTML there becomes a paragraph of its own.
const BLOCK_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);

/**
 * A remark plugin: raw HTML (`<script>…`, `<img onerror=…>`) becomes the text it is, so readers
 * see what the author wrote; nothing downstream ever meets an HTML node.
 */
export function remarkHtmlAsText() {
  return function transform(tree: MdastNode) {
    // Iterative: a deep tree must not cost a deep stack.
    const stack: MdastNode[] = [tree];
    for (let node = stack.pop(); node; node = stack.pop()) {
      const children = node.children;
      if (!children) continue;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.type === "html") {
          const text: MdastNode = { type: "text", value: child.value ?? "" };
          children[i] = BLOCK_PARENTS.has(node.type) ? { type: "paragraph", children: [text] } : text;
        } else stack.push(child);
      }
    }
  };
}

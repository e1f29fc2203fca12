// Renders a dataset description, written by stewards and shown to everyone, with react-markdown
// (CommonMark + GFM: tables, strikethrough, bare URLs, task lists, footnotes): React elements
// only, never an HTML string. Raw HTML stays visible text (remarkHtmlAsText; no rehype-raw, and
// not `skipHtml` either, so a `<script>` in a description is shown as written instead of
// vanishing silently). Links and image sources go through our own policy (./markdown safeHref).
// Images are shown as links: a description must not make every reader's browser fetch from an
// address its author chose. A source too long or too deeply nested to parse safely
// (./markdown-limits) is shown as plain text.
import type { ReactNode } from "react";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { isExternal, remarkHtmlAsText, safeHref } from "./markdown";
import { renderableAsMarkdown } from "./markdown-limits";

export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={cx("space-y-3 text-sm leading-6 text-slate-700 dark:text-slate-300", className)}>
      {renderableAsMarkdown(source) ? (
        <ReactMarkdown remarkPlugins={REMARK_PLUGINS} urlTransform={safeHref} components={COMPONENTS}>
          {source}
        </ReactMarkdown>
      ) : (
        <p className="break-words whitespace-pre-wrap">{source}</p>
      )}
    </div>
  );
}

const REMARK_PLUGINS = [remarkGfm, remarkHtmlAsText];

const LINK_CLASSES = cx(
  "rounded font-medium text-sky-700 underline decoration-sky-700/30 underline-offset-2 hover:decoration-sky-700 dark:text-sky-400 dark:decoration-sky-400/30",
  focusRing,
);

function Link({ href, id, children }: { href: string | undefined; id?: string; children: ReactNode }) {
  // urlTransform left no href: an unsafe target. Keep the words, drop the link.
  if (!href) return id ? <span id={id}>{children}</span> : <>{children}</>;
  return (
    <a href={href} id={id} className={LINK_CLASSES} {...(isExternal(href) ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}>
      {children}
    </a>
  );
}

// Description headings sit under the page's own h2 sections: # is an h3, ## an h4, and so on.
function heading(Tag: "h3" | "h4" | "h5" | "h6", size: string): Components["h1"] {
  return function Heading({ children, id }) {
    return (
      <Tag id={id} className={cx("font-semibold text-slate-900 dark:text-white", size)}>
        {children}
      </Tag>
    );
  };
}

type HastElement = NonNullable<ExtraProps["node"]>;

/** The text of a hast element (a fenced code block's code), without rendering its children. */
function textOf(node: HastElement | HastElement["children"][number] | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map(textOf).join("") : "";
}

const COMPONENTS: Components = {
  h1: heading("h3", "text-lg"),
  h2: heading("h4", "text-base"),
  h3: heading("h5", "text-sm"),
  h4: heading("h6", "text-sm"),
  h5: heading("h6", "text-sm"),
  h6: heading("h6", "text-sm"),
  p: ({ children }) => <p className="break-words whitespace-pre-line">{children}</p>,
  ul: ({ children, className }) => <ul className={cx("space-y-1 pl-5", className?.includes("contains-task-list") ? "list-none" : "list-disc")}>{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="list-decimal space-y-1 pl-5">
      {children}
    </ol>
  ),
  li: ({ children }) => <li>{children}</li>,
  pre: ({ node }) => (
    <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">
      <code>{textOf(node).replace(/\n$/, "")}</code>
    </pre>
  ),
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800 dark:bg-slate-800 dark:text-slate-200">{children}</code>,
  blockquote: ({ children }) => <blockquote className="space-y-2 border-l-2 border-slate-300 pl-3 text-slate-600 dark:border-slate-700 dark:text-slate-400">{children}</blockquote>,
  hr: () => <hr className="border-slate-200 dark:border-slate-800" />,
  strong: ({ children }) => <strong className="font-semibold text-slate-900 dark:text-white">{children}</strong>,
  em: ({ children }) => <em>{children}</em>,
  del: ({ children }) => <del>{children}</del>,
  // id: GFM footnote references and back-references jump to each other.
  a: ({ href, id, children }) => (
    <Link href={href} id={id}>
      {children}
    </Link>
  ),
  img: ({ src, alt }) => <Link href={typeof src === "string" ? src : undefined}>{alt || (typeof src === "string" ? src : "")}</Link>,
  table: ({ children }) => (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-left text-sm">{children}</table>
    </div>
  ),
  th: ({ children, style }) => (
    <th style={style} className="border-b border-slate-200 px-2 py-1 font-semibold text-slate-900 dark:border-slate-700 dark:text-white">
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td style={style} className="border-b border-slate-100 px-2 py-1 dark:border-slate-800">
      {children}
    </td>
  ),
};

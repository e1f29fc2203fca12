// Renders a dataset description (the safe subset parsed by ./markdown) with React elements:
// text is always escaped by React; no HTML string is ever injected.
import { Fragment, useMemo, type ReactNode } from "react";
import { cx } from "@/components/lib/cx";
import { focusRing } from "@/components/ui/button";
import { parseMarkdown, type Block, type Inline } from "./markdown";

export function Markdown({ source, className }: { source: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className={cx("space-y-3 text-sm leading-6 text-slate-700 dark:text-slate-300", className)}>{blocks.map(renderBlock)}</div>;
}

const HEADING_CLASSES = ["text-lg", "text-base", "text-sm", "text-sm", "text-sm", "text-sm"];

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case "heading": {
      // Description headings sit under the page's own h2 sections: start at h3.
      const Tag = `h${Math.min(block.level + 2, 6)}` as "h3";
      return (
        <Tag key={key} className={cx("font-semibold text-slate-900 dark:text-white", HEADING_CLASSES[block.level - 1])}>
          {renderInlines(block.children)}
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p key={key} className="break-words whitespace-pre-line">
          {renderInlines(block.children)}
        </p>
      );
    case "list": {
      const List = block.ordered ? "ol" : "ul";
      return (
        <List key={key} start={block.ordered && block.start !== 1 ? block.start : undefined} className={cx("space-y-1 pl-5", block.ordered ? "list-decimal" : "list-disc")}>
          {block.items.map((item, i) => (
            <li key={i}>{renderInlines(item)}</li>
          ))}
        </List>
      );
    }
    case "code":
      return (
        <pre key={key} className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">
          <code>{block.text}</code>
        </pre>
      );
    case "quote":
      return (
        <blockquote key={key} className="space-y-2 border-l-2 border-slate-300 pl-3 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {block.children.map(renderBlock)}
        </blockquote>
      );
    case "rule":
      return <hr key={key} className="border-slate-200 dark:border-slate-800" />;
  }
}

function renderInlines(inlines: Inline[]): ReactNode {
  return inlines.map((inline, i) => <Fragment key={i}>{renderInline(inline)}</Fragment>);
}

function renderInline(inline: Inline): ReactNode {
  switch (inline.type) {
    case "text":
      return inline.text;
    case "code":
      return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800 dark:bg-slate-800 dark:text-slate-200">{inline.text}</code>;
    case "strong":
      return <strong className="font-semibold text-slate-900 dark:text-white">{renderInlines(inline.children)}</strong>;
    case "em":
      return <em>{renderInlines(inline.children)}</em>;
    case "del":
      return <del>{renderInlines(inline.children)}</del>;
    case "link": {
      const external = /^(https?:|mailto:)/i.test(inline.href);
      return (
        <a
          href={inline.href}
          className={cx(
            "rounded font-medium text-sky-700 underline decoration-sky-700/30 underline-offset-2 hover:decoration-sky-700 dark:text-sky-400 dark:decoration-sky-400/30",
            focusRing,
          )}
          {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
        >
          {renderInlines(inline.children)}
        </a>
      );
    }
  }
}

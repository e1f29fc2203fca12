// SQL shown with its keywords, strings, numbers and comments coloured. A small tokenizer into
// React text nodes (no HTML is built from the text), enough to read a job's statement; the
// workbench's Monaco editor is far too heavy for a read-only block.
const TOKEN = /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g;
const KEYWORDS = new Set(
  (
    "select from where group by order having limit offset join left right full inner outer cross on using as and or not in is null " +
    "insert into values update set delete create replace table view or with union all distinct case when then else end exists between " +
    "like ilike cast over partition window merge matched drop alter add column if true false asc desc nulls first last qualify copy to"
  ).split(" "),
);

export function SqlBlock({ sql, label }: { sql: string; label: string }) {
  const parts: { text: string; className?: string }[] = [];
  let last = 0;
  for (const match of sql.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: sql.slice(last, index) });
    const [text, comment, string, quoted, number, word] = match;
    const className = comment
      ? "text-slate-500 italic dark:text-slate-400"
      : string
        ? "text-emerald-700 dark:text-emerald-300"
        : quoted
          ? "text-amber-700 dark:text-amber-300"
          : number
            ? "text-violet-700 dark:text-violet-300"
            : word && KEYWORDS.has(word.toLowerCase())
              ? "font-semibold text-sky-700 dark:text-sky-300"
              : undefined;
    parts.push({ text, className });
    last = index + text.length;
  }
  if (last < sql.length) parts.push({ text: sql.slice(last) });
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200"
    >
      {parts.map((p, i) =>
        p.className ? (
          <span key={i} className={p.className}>
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </pre>
  );
}

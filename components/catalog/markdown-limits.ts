// What a description may cost its readers. The Markdown pipeline (micromark → mdast → hast →
// React) walks its trees recursively, so a steward's 20,000 characters of `>>>>…`, `- - - …`,
// `~~a ~~a …` or `![![![…` would overflow the stack or take tens of seconds in every reader's
// browser and in the server's render. A source nested deeper than this (by a cheap scan that
// errs on the deep side) is shown as plain text instead: every word still visible, nothing lost.

/** The longest description the portal stores (server/api/routers/catalog/schemas.ts). */
export const MARKDOWN_MAX_LENGTH = 20_000;

/** Far deeper than any real description nests quotes, lists, links or emphasis. */
export const MARKDOWN_MAX_NESTING = 32;

/** Emphasis and link delimiters in one paragraph: resolving them is quadratic in their number. */
export const MARKDOWN_MAX_DELIMITERS = 1_000;

export function renderableAsMarkdown(source: string): boolean {
  if (source.length > MARKDOWN_MAX_LENGTH) return false;
  const scan = scanMarkdown(source);
  return scan.nesting <= MARKDOWN_MAX_NESTING && scan.delimiters <= MARKDOWN_MAX_DELIMITERS;
}

/**
 * `nesting` estimates how deep the parsed tree nests, at least as deep as the parser goes for the
 * shapes that nest: block containers opened on one line (`> - > 1. x`; nesting by indentation
 * costs two characters more per level and line, so the length cap bounds it), unclosed `[`, and
 * emphasis delimiters (`*`, `_`, `~` runs, one level per character) not yet closed, within a
 * paragraph. `delimiters` is the most brackets and delimiter runs in one paragraph.
 */
export function scanMarkdown(source: string): { nesting: number; delimiters: number } {
  let nesting = 0;
  let delimiters = 0;
  let brackets = 0;
  let emphasis = 0;
  let inParagraph = 0;
  for (const line of source.split(/\r\n?|\n/)) {
    if (!line.trim()) {
      // A blank line ends a paragraph: inline nesting cannot continue past it.
      brackets = emphasis = inParagraph = 0;
      continue;
    }
    const containers = containerMarkers(line);
    nesting = Math.max(nesting, containers);
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === "\\") i++;
      else if (c === "[") {
        inParagraph++;
        nesting = Math.max(nesting, containers + ++brackets);
      } else if (c === "]") brackets = Math.max(brackets - 1, 0);
      else if (c === "*" || c === "_" || c === "~") {
        let end = i;
        while (line[end + 1] === c) end++;
        const run = end - i + 1;
        const before = line[i - 1] ?? " ";
        const after = line[end + 1] ?? " ";
        const opens = !/\s/.test(after);
        const closes = !/\s/.test(before);
        // snake_case_names: an underscore inside a word neither opens nor closes.
        const intraword = c === "_" && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after);
        if (!intraword && (opens || closes)) {
          inParagraph++;
          if (closes && emphasis > 0) emphasis = Math.max(emphasis - run, 0);
          else if (opens) nesting = Math.max(nesting, containers + brackets + (emphasis += run));
        }
        i = end;
      }
    }
    delimiters = Math.max(delimiters, inParagraph);
  }
  return { nesting, delimiters };
}

/** How many quote and list markers open containers at the start of a line. */
function containerMarkers(line: string): number {
  let count = 0;
  let i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    const c = line[i];
    if (c === ">") {
      count++;
      i++;
      continue;
    }
    if ((c === "-" || c === "*" || c === "+") && (i + 1 === line.length || line[i + 1] === " " || line[i + 1] === "\t")) {
      count++;
      i++;
      continue;
    }
    const ordered = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(i, i + 11));
    if (ordered) {
      count++;
      i += ordered[0].length;
      continue;
    }
    return count;
  }
}

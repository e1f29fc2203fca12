// Markdown punctuation is noise in one-line summaries (search hits, lists). Pure, shared by server and
// the catalog pages. Underscores inside words are names (daily_flight_delays), not emphasis.
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+])\s+/gm, "")
    .replace(/[*`~]+/g, "")
    .replace(/(^|[\s(])_+|_+(?=[\s).,;:!?]|$)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

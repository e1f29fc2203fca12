// The statement's verb for people ("DROP TABLE", "DELETE"), read from the text itself, for the
// confirmation dialog: the server's 412 answer carries only a sentence.
const TWO_WORD_VERBS = new Set(["DROP", "CREATE", "ALTER", "TRUNCATE"]);

export function statementVerb(sql: string): string {
  const words = sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .trim()
    .split(/\s+/)
    .map((w) => w.toUpperCase().replace(/[^A-Z_]/g, ""));
  const [first = "", second = ""] = words;
  if (!first) return "SQL";
  if (TWO_WORD_VERBS.has(first) && /^[A-Z_]+$/.test(second) && second !== "IF") {
    // CREATE OR REPLACE TABLE → CREATE OR REPLACE; DROP TABLE → DROP TABLE
    return second === "OR" ? `${first} OR ${words[2] ?? ""}`.trim() : `${first} ${second}`;
  }
  return first;
}

// Turning what people type into the pieces the search SQL needs. Pure functions, no database.
//
//   "flihgts"            words [flihgts]           → typo correction proposes "flights"
//   "staging.flights"    name key flights in schema staging (exact match), words [staging, flights]
//   "daily flight del"   name key daily_flight_del (prefix of daily_flight_delays), words [daily, flight, del]

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 8;

export type ParsedQuery =
  | { kind: "empty" }
  /** Cannot be searched; `message` says why, for people. */
  | { kind: "invalid"; message: string }
  | {
      kind: "search";
      /** Lower-case words, as catalog_words() splits identifiers (camelCase, snake_case, dots). */
      words: string[];
      /** The table-name part of the query for exact/prefix matching, lower case, spaces as "_". */
      nameKey: string | null;
      /** Schema, or catalog and schema, written before the name ("staging.flights"). */
      qualifiers: string[];
    };

/** The JavaScript twin of the SQL function catalog_words() (see the catalog migration). */
export function catalogWords(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.trim();
  if (!text) return { kind: "empty" };
  if (text.length > MAX_QUERY_CHARS) {
    return { kind: "invalid", message: `That search is ${text.length.toLocaleString("en")} characters long; search for at most ${MAX_QUERY_CHARS}.` };
  }
  const words = [...new Set(catalogWords(text))].slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return { kind: "invalid", message: "Type letters or digits to search: names, columns, tags or words of a description." };

  const key = text.toLowerCase().replace(/\s+/g, "_");
  const parts = key.split(".");
  const last = parts.pop() ?? "";
  const usable = last !== "" && parts.length <= 2 && parts.every((p) => p !== "");
  return { kind: "search", words, nameKey: usable ? last : null, qualifiers: usable ? parts : [] };
}

/** Escapes LIKE's wildcards (names are full of underscores). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Words to accept instead of one the catalog does not know, nearest first. */
export function corrections(word: string, candidates: { term: string; similarity: number }[], max = 3): string[] {
  if (word.length < 3 || /^\d+$/.test(word)) return [];
  const allowed = word.length <= 4 ? 1 : 2;
  return candidates
    .map((c) => ({ ...c, distance: editDistance(word, c.term) }))
    .filter((c) => c.term !== word && (c.distance <= allowed || c.similarity >= 0.5))
    .sort((a, b) => a.distance - b.distance || b.similarity - a.similarity || a.term.localeCompare(b.term))
    .slice(0, max)
    .map((c) => c.term);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions): "flihgts" →
 * "flights" is one edit. Trigram similarity alone rates short transpositions poorly.
 */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * What one query word matches: `terms`, exact words of the catalog (the word itself, the words
 * it starts, or its typo corrections), and/or `prefix`, matched as a prefix by the index.
 * Prefix matching in GIN reads whole posting lists and cannot skip through them, so the search
 * turns prefixes into exact words from the vocabulary whenever it can (see search.ts).
 */
export type WordMatch = { word: string; terms: string[]; prefix: string | null; corrected: string[] };

/**
 * A to_tsquery() text: every word must match (AND), each through one of its terms. With `any`,
 * one matching word is enough (to explain hits, and as the fallback when no dataset has all
 * words). Words are letters and digits only (catalogWords) and every lexeme is quoted, so the
 * text cannot inject tsquery syntax.
 */
export function tsQueryText(words: WordMatch[], options: { any?: boolean } = {}): string {
  const groups = words.map(({ terms, prefix }) => {
    const lexemes = [...terms.map((t) => `'${t}'`), ...(prefix ? [`'${prefix}':*`] : [])];
    return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(" | ")})`;
  });
  return groups.join(options.any ? " | " : " & ");
}

/** Words of the vocabulary are 3–40 letters or digits, not plain numbers (search-document.ts). */
export function inVocabularyRange(word: string): boolean {
  return word.length >= 3 && word.length <= 40 && !/^\d+$/.test(word);
}

export const MAX_EXPANSIONS = 30;

/**
 * How a word is matched, given the vocabulary words it starts (`expansions`, at most
 * MAX_EXPANSIONS + 1, shortest first) and its nearest words (`near`).
 */
export function matchWord(word: string, expansions: string[], near: { term: string; similarity: number }[]): WordMatch {
  // Short words and numbers are not in the vocabulary: match them as they are (numbers as a
  // prefix: few datasets hold a given number, so its posting list is short).
  if (!inVocabularyRange(word)) return { word, terms: [word], prefix: /^\d+$/.test(word) ? word : null, corrected: [] };
  if (expansions.length > MAX_EXPANSIONS) return { word, terms: [], prefix: word, corrected: [] };
  if (expansions.length > 0) return { word, terms: expansions, prefix: null, corrected: [] };
  // A word the catalog does not know matches nothing by itself; keeping it as a prefix next to
  // its corrections would only blur the planner's estimate of how common the query is.
  const fixes = corrections(word, near);
  return fixes.length ? { word, terms: fixes, prefix: null, corrected: fixes } : { word, terms: [], prefix: word, corrected: [] };
}

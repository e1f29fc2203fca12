// Prisma's `contains`/`startsWith` put the value inside a LIKE pattern without escaping, so a
// search for "%" or "_" would match everything. Escape LIKE's wildcards (backslash is
// PostgreSQL's default escape character) before handing user text to those filters.
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

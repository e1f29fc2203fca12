// What a statement other than a SELECT does, read from its tokens: its verb, the files it reads
// (file functions with literal paths, file names in FROM/JOIN/USING positions, COPY … FROM) and
// the files it writes (COPY … TO). DuckDB's parse tree covers only SELECTs, so this covers
// INSERT, UPDATE, DELETE, MERGE, CREATE … AS, COPY; statements that change the engine itself are
// refused by verb before anything else looks at them.
import { keyword, nameOf, type Token } from "./tokens";
import { FILE_READERS } from "./function-policy";
import { looksLikeFile } from "./parse-tree";

export type StatementKind = "dml" | "ddl" | "other";

export type ScannedStatement = {
  verb: string;
  kind: StatementKind;
  /** Why the statement needs a confirmation first (DROP, TRUNCATE, DELETE/UPDATE without WHERE). */
  destructive: string | null;
  reads: string[];
  writes: string[];
  /** Names of functions called (any kind), for the function policy. */
  calls: string[];
  /** Something the scan could not read with certainty: the statement is refused with this. */
  problem: string | null;
};

/** Verbs refused for everyone, with the reason the user is shown. */
export const REFUSED_VERBS: Record<string, string> = {
  SET: "it changes the shared engine's settings for every user",
  RESET: "it changes the shared engine's settings for every user",
  PRAGMA: "it changes or inspects the shared engine",
  INSTALL: "extensions cannot be installed (no network access from SQL)",
  FORCE: "extensions cannot be installed (no network access from SQL)",
  LOAD: "extensions cannot be loaded",
  UPDATE_EXTENSIONS: "extensions cannot be updated",
  ATTACH: "databases cannot be attached: it opens files outside the lake",
  DETACH: "the engine's databases cannot be detached",
  USE: "each query runs in the catalog and schema chosen in the workbench; choose them there",
  EXPORT: "exports write files outside the lake's rules; use COPY … TO a bucket you may write",
  IMPORT: "imports read files outside the lake's rules; use COPY … FROM or read_csv",
  CALL: "it runs an engine procedure; use SELECT … FROM the table function instead",
  BEGIN: "every statement runs in its own transaction",
  START: "every statement runs in its own transaction",
  COMMIT: "every statement runs in its own transaction",
  END: "every statement runs in its own transaction",
  ROLLBACK: "every statement runs in its own transaction",
  ABORT: "every statement runs in its own transaction",
  PREPARE: "prepared statements are not kept between runs",
  EXECUTE: "prepared statements are not kept between runs",
  DEALLOCATE: "prepared statements are not kept between runs",
};

const DML = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "COPY"]);
const DDL = new Set(["CREATE", "ALTER", "DROP", "TRUNCATE", "COMMENT"]);
const MAINTENANCE = new Set(["VACUUM", "ANALYZE", "CHECKPOINT"]);

/** Keywords that end a FROM list at their nesting depth. */
const CLAUSE_ENDS = new Set([
  "WHERE",
  "GROUP",
  "HAVING",
  "ORDER",
  "LIMIT",
  "OFFSET",
  "QUALIFY",
  "WINDOW",
  "UNION",
  "EXCEPT",
  "INTERSECT",
  "SET",
  "RETURNING",
  "VALUES",
  "SELECT",
  "WHEN",
  "THEN",
  "TO",
]);

export function scanStatement(tokens: Token[]): ScannedStatement {
  const result: ScannedStatement = { verb: "", kind: "other", destructive: null, reads: [], writes: [], calls: [], problem: null };
  const head = keyword(tokens[0]);
  if (!head) {
    result.problem = "the statement does not start with a keyword";
    return result;
  }
  const second = keyword(tokens[1]);
  const verbWord = head === "WITH" ? mainVerbAfterWith(tokens) : head;
  if (!verbWord) {
    result.problem = "the statement after WITH could not be read";
    return result;
  }
  result.verb = verbWord === head && second && (DDL.has(head) || head === "FORCE") ? `${head} ${describeObject(tokens)}`.trim() : verbWord;
  result.kind = DML.has(verbWord) ? "dml" : DDL.has(verbWord) ? "ddl" : "other";

  const refused = refusalByVerb(tokens);
  if (refused) {
    result.problem = refused;
    return result;
  }
  if (!DML.has(verbWord) && !DDL.has(verbWord) && !MAINTENANCE.has(verbWord)) {
    result.problem = `${verbWord} statements are not available in the portal's SQL`;
    return result;
  }
  if (tokens.some((t) => t.type === "unknown")) {
    const odd = tokens.find((t) => t.type === "unknown")!;
    result.problem = `the statement contains "${odd.value}", which the portal cannot check`;
    return result;
  }

  scanCallsAndFromLists(tokens, result);
  if (verbWord === "COPY") scanCopy(tokens, result);
  result.destructive = destructiveReason(verbWord, tokens);
  return result;
}

/**
 * Statements refused for everyone by their first words alone (they change the shared engine,
 * reach outside the lake or expand into statements of their own), with the reason shown.
 */
export function refusalByVerb(tokens: Token[]): string | null {
  const head = keyword(tokens[0]);
  if (!head) return null;
  const second = keyword(tokens[1]);
  const reason = REFUSED_VERBS[head] ?? (head === "UPDATE" && second === "EXTENSIONS" ? REFUSED_VERBS.UPDATE_EXTENSIONS : undefined);
  if (reason) return `${head}${head === "UPDATE" ? " EXTENSIONS" : ""} is not allowed: ${reason}`;
  if ((head === "CREATE" || head === "DROP") && tokens.slice(1, 5).some((t) => keyword(t) === "SECRET")) {
    return `${head} SECRET is not allowed: credentials for other systems are managed by the portal, not in SQL`;
  }
  if (head === "COPY" && second === "FROM" && keyword(tokens[2]) === "DATABASE") {
    return "COPY FROM DATABASE is not allowed: it copies a whole database outside the lake's rules";
  }
  return null;
}

/** `WITH a AS (…), b AS (…) INSERT …`: the first top-level verb after the CTE list. */
function mainVerbAfterWith(tokens: Token[]): string | null {
  let depth = 0;
  for (const t of tokens.slice(1)) {
    if (t.type === "punct" && t.value === "(") depth++;
    else if (t.type === "punct" && t.value === ")") depth--;
    else if (depth === 0) {
      const k = keyword(t);
      if (k && ["INSERT", "UPDATE", "DELETE", "MERGE", "SELECT"].includes(k)) return k;
    }
  }
  return null;
}

/** "TABLE", "VIEW", "OR REPLACE TABLE" → the object word of CREATE/DROP/ALTER. */
function describeObject(tokens: Token[]): string {
  const words: string[] = [];
  for (const t of tokens.slice(1, 6)) {
    const k = keyword(t);
    if (!k) break;
    if (["OR", "REPLACE", "TEMP", "TEMPORARY", "PERSISTENT", "IF", "NOT", "EXISTS", "UNIQUE"].includes(k)) continue;
    words.push(k);
    break;
  }
  return words.join(" ");
}

function scanCallsAndFromLists(tokens: Token[], result: ScannedStatement): void {
  const fromAtDepth: boolean[] = [false];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.type === "punct" && t.value === "(") {
      depth++;
      fromAtDepth[depth] = false;
      continue;
    }
    if (t.type === "punct" && t.value === ")") {
      fromAtDepth[depth] = false;
      depth = Math.max(0, depth - 1);
      continue;
    }
    const k = keyword(t);
    if (k === "FROM" || k === "JOIN" || k === "USING") {
      fromAtDepth[depth] = true;
      fileTableAt(next, result);
      continue;
    }
    if (k && CLAUSE_ENDS.has(k)) fromAtDepth[depth] = false;
    if (t.type === "punct" && t.value === "," && fromAtDepth[depth]) {
      fileTableAt(next, result);
      continue;
    }
    // A call: a name followed by "(" (possibly qualified: main.read_csv, "read_csv").
    const name = nameOf(t);
    if (name && next?.type === "punct" && next.value === "(") {
      result.calls.push(name);
      if (FILE_READERS.has(name)) {
        const paths = literalPathsAt(tokens, i + 2);
        if (paths) result.reads.push(...paths);
        else result.problem ??= `${name}() needs its file path written out as a string literal (or a list of them), not computed`;
      }
    }
  }
}

/** A string literal (or quoted name that looks like a file) right after FROM/JOIN/USING/",". */
function fileTableAt(token: Token | undefined, result: ScannedStatement): void {
  if (token?.type === "string") result.reads.push(token.value);
  else if (token?.type === "ident" && looksLikeFile(token.value)) result.reads.push(token.value);
}

/** 'path' or ['a', 'b'] starting at index i, followed by "," or ")". */
function literalPathsAt(tokens: Token[], i: number): string[] | null {
  const t = tokens[i];
  const isEnd = (tok: Token | undefined) => tok?.type === "punct" && (tok.value === "," || tok.value === ")");
  if (t?.type === "string") return isEnd(tokens[i + 1]) ? [t.value] : null;
  if (t?.type === "punct" && t.value === "[") {
    const paths: string[] = [];
    let j = i + 1;
    for (;;) {
      const item = tokens[j];
      if (item?.type !== "string") return null;
      paths.push(item.value);
      const sep = tokens[j + 1];
      if (sep?.type === "punct" && sep.value === ",") j += 2;
      else if (sep?.type === "punct" && sep.value === "]") return isEnd(tokens[j + 2]) ? paths : null;
      else return null;
    }
  }
  return null;
}

/**
 * COPY forms: COPY tbl [(cols)] FROM 'path' …, COPY tbl [(cols)] TO 'path' …, COPY (query) TO
 * 'path' …; COPY FROM DATABASE is refused. The path must be a literal; a FILENAME_PATTERN
 * option must not climb out of the target folder.
 */
function scanCopy(tokens: Token[], result: ScannedStatement): void {
  let i = 1;
  if (tokens[i]?.type === "punct" && tokens[i]!.value === "(") i = afterParens(tokens, i);
  else {
    while (tokens[i] && (nameOf(tokens[i]) !== null || (tokens[i]!.type === "punct" && tokens[i]!.value === ".")) && !["TO", "FROM"].includes(keyword(tokens[i]) ?? "")) i++;
    if (tokens[i]?.type === "punct" && tokens[i]!.value === "(") i = afterParens(tokens, i);
  }
  const direction = keyword(tokens[i]);
  const target = tokens[i + 1];
  if ((direction !== "TO" && direction !== "FROM") || target?.type !== "string") {
    result.problem = "COPY needs its file path written out as a string literal after TO or FROM";
    return;
  }
  if (direction === "TO") result.writes.push(target.value);
  // (COPY … FROM 'path' was already collected as a read by the FROM rule.)
  for (let j = i + 2; j < tokens.length; j++) {
    if (keyword(tokens[j]) === "FILENAME_PATTERN") {
      const value = tokens.slice(j + 1, j + 3).find((t) => t.type === "string");
      if (!value || /[/\\]|\.\./.test(value.value)) {
        result.problem = "FILENAME_PATTERN must be a plain file name pattern written as a string (no folders, no ..)";
        return;
      }
    }
  }
}

function afterParens(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === "punct" && t.value === "(") depth++;
    else if (t.type === "punct" && t.value === ")") {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return tokens.length;
}

function destructiveReason(verb: string, tokens: Token[]): string | null {
  if (verb === "DROP") return `DROP ${describeObject(tokens) || "object"} removes it for good`;
  if (verb === "TRUNCATE") return "TRUNCATE removes every row of the table";
  if (verb === "DELETE" || verb === "UPDATE") {
    let depth = 0;
    const hasWhere = tokens.some((t) => {
      if (t.type === "punct" && t.value === "(") depth++;
      else if (t.type === "punct" && t.value === ")") depth--;
      return depth === 0 && keyword(t) === "WHERE";
    });
    if (!hasWhere) return verb === "DELETE" ? "DELETE without WHERE removes every row of the table" : "UPDATE without WHERE changes every row of the table";
  }
  return null;
}

// Reads the body of POST /api/v1/lineage: one event (a JSON object), a JSON array of events, or
// NDJSON (Content-Type application/x-ndjson, or a body of several lines that is not one JSON
// document), optionally `Content-Encoding: gzip` (Trino's event listener gzips). The body is
// read under PORTAL_LINEAGE_MAX_MB and, when gzipped, decompressed under the same limit: what is
// parsed is never larger than the cap, so a small "zip bomb" cannot fill the server's memory.
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { describeBytes, mediaType } from "../http/edge/body-policy";
import { BodyTooLargeError, readCappedBytes } from "../http/edge/capped-body";

const gunzipAsync = promisify(gunzip);

/** Each item is an event, or the reason its NDJSON line could not be parsed. */
export type LineageBody = { single: boolean; items: ({ value: unknown } | { error: string })[] };
export type BodyRefusal = { status: 400 | 413 | 415; message: string };

export async function readLineageBody(req: Request, maxBytes: number): Promise<LineageBody | BodyRefusal> {
  let bytes: Uint8Array;
  try {
    bytes = await readCappedBytes(req.body, maxBytes, "lineage ingestion");
  } catch (err) {
    if (err instanceof BodyTooLargeError) return { status: 413, message: `${err.message} Send smaller batches, or ask an admin to raise PORTAL_LINEAGE_MAX_MB.` };
    return { status: 400, message: "The request body could not be read (the connection broke off)." };
  }
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: maxBytes });
    } catch (err) {
      if (err instanceof RangeError) {
        return { status: 413, message: `Request body too large: lineage ingestion accepts at most ${describeBytes(maxBytes)} after decompression; this gzip body holds more.` };
      }
      return { status: 400, message: "The body is marked Content-Encoding: gzip but is not valid gzip data." };
    }
  } else if (encoding !== "identity") {
    return { status: 415, message: `Content-Encoding ${encoding.slice(0, 40)} is not supported; send the body as is or gzip-encoded.` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { status: 400, message: "The body is not valid UTF-8 text." };
  }
  return parseLineageText(text, mediaType(req.headers.get("content-type")) === "application/x-ndjson");
}

export function parseLineageText(text: string, ndjson: boolean): LineageBody | BodyRefusal {
  if (text.trim() === "") return { status: 400, message: "The body is empty: send an OpenLineage event, a JSON array of events, or NDJSON." };
  if (!ndjson) {
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value)) return { single: false, items: value.map((v: unknown) => ({ value: v })) };
      return { single: true, items: [{ value }] };
    } catch (err) {
      // NDJSON sent without its content type: several lines, the first a JSON document by itself.
      if (!looksLikeNdjson(text)) return { status: 400, message: `The body is not valid JSON: ${jsonProblem(err, text)}.` };
    }
  }
  const items: LineageBody["items"] = [];
  const lines = text.split("\n");
  lines.forEach((line, n) => {
    if (line.trim() === "") return;
    try {
      items.push({ value: JSON.parse(line) as unknown });
    } catch (err) {
      items.push({ error: `Line ${n + 1} is not valid JSON: ${jsonProblem(err, line)}.` });
    }
  });
  return { single: false, items };
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

/** Where and what: V8's reason, and the line and column of the first character JSON cannot take. */
function jsonProblem(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  // V8 appends the text ("…" is not valid JSON) or " in JSON at position N"; both are replaced by line and column.
  const reason =
    message
      .replace(/,\s*(?:\.\.\.)?"[\s\S]*$/, "")
      .replace(/ (?:in JSON )?at position \d+[\s\S]*$/, "")
      .trim() || "invalid JSON";
  const offset = syntaxErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return text.includes("\n") ? `${reason} at line ${line}, column ${column}` : `${reason} at column ${column}`;
}

/** The offset of the first character that makes `text` invalid JSON (a small scanner: V8 does not always say). */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m || m[0] === "") fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    return i;
  } catch (offset) {
    return typeof offset === "number" ? Math.min(offset, text.length) : 0;
  }
}

// JSON and NDJSON previews. A JSON document up to 1 MB is parsed and pretty-printed; a larger one
// cannot be parsed from its first bytes, so its first 64 KB are shown as text. NDJSON is read
// like CSV: the first 64 KB, complete lines only, shown as a table of the records' fields.
import type { ObjectStore } from "../object-store";
import { MAX_PREVIEW_ROWS, type TablePreview } from "./csv";
import { decodeText, PREVIEW_BYTES, readHead } from "./text";

export const JSON_PARSE_LIMIT = 1024 * 1024;
const MAX_PRETTY_CHARS = 256 * 1024;

export type JsonPreview = { kind: "json"; text: string; parsed: boolean; truncated: boolean; bytesRead: number; error: string | null };

export async function previewJson(store: ObjectStore, bucket: string, key: string, size: number): Promise<JsonPreview> {
  if (size > JSON_PARSE_LIMIT) {
    const { bytes, truncated } = await readHead(store, bucket, key, size, PREVIEW_BYTES);
    return { kind: "json", text: decodeText(bytes, truncated), parsed: false, truncated, bytesRead: bytes.length, error: null };
  }
  const { bytes } = await readHead(store, bucket, key, size, JSON_PARSE_LIMIT);
  const raw = decodeText(bytes, false);
  try {
    const pretty = JSON.stringify(JSON.parse(raw), null, 2);
    return { kind: "json", text: pretty.slice(0, MAX_PRETTY_CHARS), parsed: true, truncated: pretty.length > MAX_PRETTY_CHARS, bytesRead: bytes.length, error: null };
  } catch (err) {
    return {
      kind: "json",
      text: raw.slice(0, PREVIEW_BYTES),
      parsed: false,
      truncated: raw.length > PREVIEW_BYTES,
      bytesRead: bytes.length,
      error: `Not valid JSON: ${(err as Error).message}`,
    };
  }
}

export async function previewNdjson(store: ObjectStore, bucket: string, key: string, size: number): Promise<TablePreview> {
  const { bytes, truncated } = await readHead(store, bucket, key, size);
  let text = decodeText(bytes, truncated);
  if (truncated) text = text.slice(0, Math.max(text.lastIndexOf("\n"), 0));
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const records: unknown[] = [];
  let problems = 0;
  for (const line of lines.slice(0, MAX_PREVIEW_ROWS)) {
    try {
      records.push(JSON.parse(line));
    } catch {
      problems++;
    }
  }
  const columns: string[] = [];
  for (const record of records) {
    for (const name of isRecord(record) ? Object.keys(record) : ["value"]) if (!columns.includes(name)) columns.push(name);
  }
  const rows = records.map((record) => columns.map((name) => cell(isRecord(record) ? record[name] : name === "value" ? record : undefined)));
  return { kind: "table", format: "ndjson", columns, rows, truncated: truncated || lines.length > MAX_PREVIEW_ROWS, bytesRead: bytes.length, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function cell(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

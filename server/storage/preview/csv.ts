// CSV / TSV preview: the first 64 KB through one range request, parsed with papaparse. When the
// read stopped mid-file, the last (probably cut) line is dropped.
import Papa from "papaparse";
import type { ObjectStore } from "../object-store";
import { decodeText, readHead } from "./text";

export const MAX_PREVIEW_ROWS = 500;

export type TablePreview = {
  kind: "table";
  format: "csv" | "tsv" | "ndjson";
  columns: string[];
  rows: (string | null)[][];
  /** More rows exist than are shown. */
  truncated: boolean;
  bytesRead: number;
  /** Lines that could not be parsed (NDJSON) or had the wrong number of fields (CSV). */
  problems: number;
};

export async function previewDelimited(store: ObjectStore, bucket: string, key: string, size: number, format: "csv" | "tsv"): Promise<TablePreview> {
  const { bytes, truncated } = await readHead(store, bucket, key, size);
  let text = decodeText(bytes, truncated).replace(/^\uFEFF/, "");
  if (truncated) text = text.slice(0, Math.max(text.lastIndexOf("\n"), 0));
  const parsed = Papa.parse<string[]>(text, { delimiter: format === "tsv" ? "\t" : "", skipEmptyLines: true });
  const [header = [], ...body] = parsed.data;
  const columns = header.map((name, i) => name.trim() || `column_${i + 1}`);
  const rows = body.slice(0, MAX_PREVIEW_ROWS).map((row) => columns.map((_, i) => row[i] ?? null));
  const problems = body.filter((row) => row.length !== columns.length).length;
  return { kind: "table", format, columns, rows, truncated: truncated || body.length > MAX_PREVIEW_ROWS, bytesRead: bytes.length, problems };
}

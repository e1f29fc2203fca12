// Parquet preview without downloading the file: hyparquet reads the footer (schema, row count,
// row groups) and then only the pages holding the first rows, all through range requests.
import { parquetMetadataAsync, parquetReadObjects, type Compressors, type FileMetaData, type SchemaElement } from "hyparquet";
import type { ObjectStore } from "../object-store";
import { objectAsyncBuffer } from "./async-buffer";
import { compressors as allCompressors } from "hyparquet-compressors";

export const PARQUET_PREVIEW_ROWS = 50;

export type ParquetColumn = { name: string; type: string; nullable: boolean };

export type ParquetPreview = {
  kind: "parquet";
  numRows: number;
  rowGroups: number;
  createdBy: string | null;
  compression: string[];
  columns: ParquetColumn[];
  rows: (string | null)[][];
  /** Why rows are missing while the schema is shown (e.g. an unsupported codec). */
  rowsError: string | null;
  bytesRead: number;
  requests: number;
};

export async function previewParquet(store: ObjectStore, bucket: string, key: string, size: number): Promise<ParquetPreview> {
  const file = objectAsyncBuffer(store, bucket, key, size);
  let metadata: FileMetaData;
  try {
    // The footer is usually small: ask for 64 KB first, not hyparquet's default 512 KB.
    metadata = await parquetMetadataAsync(file, { initialFetchSize: Math.min(size, 64 * 1024) });
  } catch (err) {
    if ((err as { code?: string }).code) throw err; // a storage error, not a format error
    return {
      kind: "parquet",
      numRows: 0,
      rowGroups: 0,
      createdBy: null,
      compression: [],
      columns: [],
      rows: [],
      rowsError: `This is not a readable Parquet file: ${(err as Error).message}`,
      bytesRead: file.bytesRead,
      requests: file.requests,
    };
  }
  const columns = leafColumns(metadata.schema);
  const compression = [...new Set(metadata.row_groups.flatMap((rg) => rg.columns.map((c) => c.meta_data?.codec ?? "UNCOMPRESSED")))];

  let rows: (string | null)[][] = [];
  let rowsError: string | null = null;
  // ZSTD, GZIP, Brotli and LZ4 in pure JS (hyparquet itself bundles only Snappy).
  const compressors: Compressors = { ...allCompressors };
  try {
    const records = await parquetReadObjects({
      file,
      metadata,
      rowStart: 0,
      rowEnd: Math.min(PARQUET_PREVIEW_ROWS, Number(metadata.num_rows)),
      compressors,
      useOffsetIndex: true, // read only the pages holding the first rows
    });
    const names = Object.keys(records[0] ?? {});
    const ordered = columns.map((c) => c.name).filter((n) => names.includes(n));
    const shown = ordered.length ? ordered : names;
    rows = records.map((record) => shown.map((name) => displayValue(record[name])));
  } catch (err) {
    const message = (err as Error).message;
    rowsError = /unsupported compression codec/i.test(message)
      ? `The rows use ${compression.join(", ")} compression, which this server cannot decode; the schema above is complete.`
      : `The first rows could not be read: ${message}`;
  }
  return {
    kind: "parquet",
    numRows: Number(metadata.num_rows),
    rowGroups: metadata.row_groups.length,
    createdBy: metadata.created_by ?? null,
    compression,
    columns,
    rows,
    rowsError,
    bytesRead: file.bytesRead,
    requests: file.requests,
  };
}

/** Top-level fields with a readable type: logical type when present, else physical. */
function leafColumns(schema: SchemaElement[]): ParquetColumn[] {
  const columns: ParquetColumn[] = [];
  // schema[0] is the root; its direct children are the columns. Skip nested children.
  let i = 1;
  while (i < schema.length) {
    const element = schema[i]!;
    columns.push({ name: element.name, type: typeName(element), nullable: element.repetition_type !== "REQUIRED" });
    i += 1 + descendants(schema, i);
  }
  return columns;
}

function descendants(schema: SchemaElement[], index: number): number {
  let count = 0;
  for (let c = 0; c < (schema[index]!.num_children ?? 0); c++) {
    const child = index + 1 + count;
    count += 1 + descendants(schema, child);
  }
  return count;
}

function typeName(element: SchemaElement): string {
  const logical = element.logical_type as { type?: string; unit?: string; precision?: number; scale?: number } | undefined;
  if (logical?.type === "TIMESTAMP") return `TIMESTAMP(${logical.unit ?? ""})`;
  if (logical?.type === "DECIMAL") return `DECIMAL(${logical.precision},${logical.scale})`;
  if (logical?.type) return logical.type;
  if (element.converted_type) return element.converted_type;
  if (element.num_children) return element.repetition_type === "REPEATED" ? "LIST" : "STRUCT";
  return element.type ?? "UNKNOWN";
}

function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isNaN(value.getTime()) ? String(value) : value.toISOString().replace(".000Z", "Z");
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return `0x${Buffer.from(value.subarray(0, 32)).toString("hex")}${value.length > 32 ? "…" : ""}`;
  if (typeof value === "object") return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return String(value);
}

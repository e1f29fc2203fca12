// A result as a Parquet file, written by DuckDB (COPY … TO … (FORMAT parquet)), so column types
// survive the download: integers stay integers, decimals keep their scale, timestamps are
// timestamps, lists and structs stay nested.
//
// Parquet's footer comes last, so the file cannot go out while rows come in. Instead the rows
// stream to a scratch NDJSON file (memory stays bounded), DuckDB turns that file into Parquet
// (out of core, file to file), and the Parquet file streams to the client and is deleted.
//
// The converter is a DuckDB instance of its own, never the engine's: it reaches no file but its
// scratch folder, no network and no extension, its settings are locked, and it runs only the one
// statement built here. Values arrive as data in the file, never as SQL; column names are quoted
// identifiers; a column type is used only if it is on the short list below, else the column is
// written as text (VARCHAR, or JSON for objects and arrays).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { DuckDBInstance } from "@duckdb/node-api";
import type { EngineColumn, EngineRow } from "../../engines/query-engine";
import { quoteIdentifier } from "../../../lib/sql/identifiers";

export const PARQUET_CONTENT_TYPE = "application/vnd.apache.parquet";

/** How one column is read back from the scratch JSON and which SQL type it gets in the file. */
type ColumnPlan = { sqlType: string; read: "text" | "json" };

/** Scalar types DuckDB reads from their text form without loss (Trino's spellings mapped to DuckDB's). */
const SCALARS: Record<string, string> = {
  boolean: "BOOLEAN",
  tinyint: "TINYINT",
  smallint: "SMALLINT",
  integer: "INTEGER",
  int: "INTEGER",
  bigint: "BIGINT",
  utinyint: "UTINYINT",
  usmallint: "USMALLINT",
  uinteger: "UINTEGER",
  ubigint: "UBIGINT",
  float: "FLOAT",
  real: "FLOAT",
  double: "DOUBLE",
  date: "DATE",
  time: "TIME",
  timestamp: "TIMESTAMP",
  "timestamp with time zone": "TIMESTAMP WITH TIME ZONE",
  timestamp_s: "TIMESTAMP_S",
  timestamp_ms: "TIMESTAMP_MS",
  timestamp_ns: "TIMESTAMP_NS",
  uuid: "UUID",
  varchar: "VARCHAR",
  char: "VARCHAR",
};
/** Words a nested DuckDB type (LIST, ARRAY, STRUCT) may be built of: JSON arrays and objects cast to it exactly. */
const NESTED_WORDS = new Set([
  "STRUCT",
  "BOOLEAN",
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
  "FLOAT",
  "DOUBLE",
  "DATE",
  "VARCHAR",
  "DECIMAL",
  "TIMESTAMP",
]);

/**
 * The Parquet column for an engine's column type. HUGEINT and other integers wider than Parquet's
 * 64 bits would become doubles in DuckDB's Parquet writer (digits lost), so they are text;
 * Trino's zoned timestamps name their zone ("… Europe/Paris"), which is kept as text too.
 */
export function parquetColumn(engineType: string): ColumnPlan {
  const type = engineType.trim();
  const lower = type.toLowerCase();
  const decimal = /^(?:decimal|numeric)\s*\(\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)$/.exec(lower);
  if (decimal && Number(decimal[1]) <= 38 && Number(decimal[2]) <= Number(decimal[1])) return { sqlType: `DECIMAL(${decimal[1]}, ${decimal[2]})`, read: "text" };
  // Trino: varchar(10), char(3), timestamp(3); precision above microseconds keeps its nanoseconds.
  const bare = lower.replace(/^(varchar|char)\(\d+\)$/, "$1").replace(/^timestamp\((\d)\)$/, (_, p: string) => (Number(p) > 6 ? "timestamp_ns" : "timestamp"));
  const scalar = SCALARS[bare];
  if (scalar) return { sqlType: scalar, read: "text" };
  if (lower === "json") return { sqlType: "JSON", read: "json" };
  if (isSafeNestedType(type)) return { sqlType: type, read: "json" };
  // Everything else as text: objects and arrays as their JSON, other values as they were shown.
  return /^(map|row|array|struct|union|interval)\b|\]$/i.test(type) ? { sqlType: "JSON", read: "json" } : { sqlType: "VARCHAR", read: "text" };
}

/** A DuckDB LIST/ARRAY/STRUCT of the scalar words above only; DuckDB writes field names in double quotes. */
function isSafeNestedType(type: string): boolean {
  if (!/(\[\d*\]$|^STRUCT\()/.test(type)) return false;
  const withoutNames = type.replace(/"[A-Za-z0-9_ ]*"/g, "");
  if (!/^[A-Za-z0-9_ (),[\]]+$/.test(withoutNames)) return false;
  return (withoutNames.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).every((word) => NESTED_WORDS.has(word));
}

type Converter = { instance: DuckDBInstance; scratch: string };
const holder: { converter?: Promise<Converter> } = {};

/** The process's converter instance, locked to its scratch folder. */
function converter(): Promise<Converter> {
  holder.converter ??= (async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "portal-parquet-"));
    // Downloads delete their own files; the folder itself goes when the process ends.
    process.once("exit", () => rmSync(scratch, { recursive: true, force: true }));
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      allow_community_extensions: "false",
      memory_limit: "256MB",
      threads: "2",
      temp_directory: path.join(scratch, "spill"),
    });
    const conn = await instance.connect();
    try {
      await conn.run(`SET allowed_directories = [${sqlString(`${scratch}/`)}]`);
      await conn.run("SET enable_external_access = false");
      await conn.run("SET lock_configuration = true");
    } finally {
      conn.disconnectSync();
    }
    return { instance, scratch };
  })();
  return holder.converter;
}

/** The process's scratch folder (tests check it is left empty). */
export async function parquetScratchFolder(): Promise<string> {
  return (await converter()).scratch;
}

export type ParquetFile = {
  bytes: number;
  /** The file's bytes; the file is deleted when the stream ends or is cancelled. */
  body: ReadableStream<Uint8Array>;
};

/** Writes the rows into a Parquet file with the columns' types. Throws before any byte is sent if DuckDB cannot write it. */
export async function parquetOf(columns: EngineColumn[], pages: AsyncGenerator<EngineRow[]>, signal?: AbortSignal): Promise<ParquetFile> {
  const { instance, scratch } = await converter();
  const folder = await mkdtemp(path.join(scratch, "download-"));
  const input = path.join(folder, "rows.ndjson");
  const output = path.join(folder, "result.parquet");
  try {
    await writeRows(createWriteStream(input), columns.length, pages, signal);
    const plans = columns.map((c) => parquetColumn(c.type));
    const conn = await instance.connect();
    const stopOnAbort = () => conn.interrupt();
    signal?.addEventListener("abort", stopOnAbort);
    try {
      await conn.run(copyStatement(columns, plans, input, output));
    } finally {
      signal?.removeEventListener("abort", stopOnAbort);
      conn.disconnectSync();
    }
    const { size } = await stat(output);
    await rm(input, { force: true });
    const file = createReadStream(output, { highWaterMark: 256 * 1024 });
    const cleanUp = () => void rm(folder, { recursive: true, force: true });
    file.once("close", cleanUp);
    return { bytes: size, body: Readable.toWeb(file) as ReadableStream<Uint8Array> };
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
}

/** One JSON object per row, keyed c0…cN (the real names may be anything, even duplicates). */
async function writeRows(file: WriteStream, width: number, pages: AsyncGenerator<EngineRow[]>, signal?: AbortSignal): Promise<void> {
  const keys = Array.from({ length: width }, (_, i) => `${i === 0 ? "{" : ","}"c${i}":`);
  try {
    for await (const rows of pages) {
      signal?.throwIfAborted();
      let text = "";
      for (const row of rows) {
        for (let i = 0; i < width; i++) text += keys[i] + (row[i] === undefined || row[i] === null ? "null" : JSON.stringify(row[i]));
        text += width === 0 ? "{}\n" : "}\n";
      }
      if (!file.write(text)) await once(file, "drain");
    }
  } finally {
    file.end();
    await once(file, "close");
  }
}

function copyStatement(columns: EngineColumn[], plans: ColumnPlan[], input: string, output: string): string {
  const reads = columns.map((_, i) => `c${i}: 'JSON'`).join(", ");
  const selects = columns.map((column, i) => {
    const plan = plans[i]!;
    // Text types from the JSON value's text (a JSON string's content, a number's digits);
    // nested types from the JSON itself.
    const value = plan.read === "text" ? `json_extract_string(c${i}, '$')` : `c${i}`;
    return `CAST(${value} AS ${plan.sqlType}) AS ${quoteIdentifier(column.name)}`;
  });
  const source = columns.length ? `SELECT ${selects.join(", ")} FROM read_json(${sqlString(input)}, format = 'newline_delimited', columns = {${reads}})` : "SELECT 1 WHERE false";
  return `COPY (${source}) TO ${sqlString(output)} (FORMAT parquet, COMPRESSION zstd)`;
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

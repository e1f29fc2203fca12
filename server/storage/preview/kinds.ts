// Which preview fits an object: by extension first (lakes are full of files uploaded as
// application/octet-stream), then by content type. Our own tables rather than mime-types: a
// preview kind is our decision, and its lists call .ts video and do not know .py or .r.
import { extensionOf } from "../content-types";

export type PreviewKind = "parquet" | "csv" | "tsv" | "json" | "ndjson" | "text" | "image" | "none";

const BY_EXTENSION: Record<string, PreviewKind> = {
  parquet: "parquet",
  csv: "csv",
  tsv: "tsv",
  tab: "tsv",
  json: "json",
  geojson: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
  png: "image",
  jpg: "image",
  jpeg: "image",
  gif: "image",
  webp: "image",
};

const TEXT_EXTENSIONS = new Set([
  "txt",
  "log",
  "md",
  "sql",
  "yaml",
  "yml",
  "xml",
  "html",
  "htm",
  "py",
  "sh",
  "conf",
  "ini",
  "toml",
  "cfg",
  "properties",
  "js",
  "ts",
  "r",
  "scala",
  "svg",
]);

export function previewKindOf(key: string, contentType: string): PreviewKind {
  const ext = extensionOf(key);
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  if (TEXT_EXTENSIONS.has(ext)) return "text";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type.includes("parquet")) return "parquet";
  if (type === "text/csv") return "csv";
  if (type === "text/tab-separated-values") return "tsv";
  if (type === "application/x-ndjson" || type === "application/jsonl") return "ndjson";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (["image/png", "image/jpeg", "image/gif", "image/webp"].includes(type)) return "image";
  if (type.startsWith("text/") || ["application/xml", "application/yaml", "application/sql", "application/javascript"].includes(type)) return "text";
  return "none";
}

/** DuckDB's reader for a kind, when the embedded engine can read it. */
export function duckdbReaderOf(kind: PreviewKind): string | null {
  switch (kind) {
    case "parquet":
      return "read_parquet";
    case "csv":
    case "tsv":
      return "read_csv";
    case "json":
    case "ndjson":
      return "read_json_auto";
    default:
      return null;
  }
}

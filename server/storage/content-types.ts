// Content types by file extension: for the local adapter (a file has no stored type) and for
// uploads whose browser sent none. mime-types (the IANA and Apache lists) knows the common
// formats; the lakehouse's own formats and our choices come first. Serving stays strict
// whatever the type says: signed downloads show only raster images inline, everything else as
// an attachment (serve-signed.ts).
import { lookup } from "mime-types";

const LAKEHOUSE_TYPES: Record<string, string> = {
  // Not in mime-types' lists.
  ndjson: "application/x-ndjson",
  jsonl: "application/x-ndjson",
  parquet: "application/vnd.apache.parquet",
  avro: "application/avro",
  orc: "application/octet-stream",
  arrow: "application/vnd.apache.arrow.file",
  // mime-types says text/yaml; application/yaml is the registered type (RFC 9512).
  yaml: "application/yaml",
  yml: "application/yaml",
};

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

export function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export function contentTypeFor(key: string): string {
  const ext = extensionOf(key);
  if (!ext) return DEFAULT_CONTENT_TYPE;
  return LAKEHOUSE_TYPES[ext] ?? (lookup(ext) || DEFAULT_CONTENT_TYPE);
}

// URLs of the bucket browser, GitHub-style: /buckets/raw (bucket root),
// /buckets/raw/tree/flights/2024 (a folder), /buckets/raw/blob/flights/f.parquet (an object).
// "tree"/"blob" keep folder and file URLs apart whatever the keys are called.

const encodePath = (path: string) => path.split("/").filter(Boolean).map(encodeURIComponent).join("/");

export function bucketHref(bucket: string): string {
  return `/buckets/${encodeURIComponent(bucket)}`;
}

export function folderHref(bucket: string, prefix: string, filter?: string): string {
  const base = prefix ? `${bucketHref(bucket)}/tree/${encodePath(prefix)}` : bucketHref(bucket);
  return filter ? `${base}?q=${encodeURIComponent(filter)}` : base;
}

export function objectHref(bucket: string, key: string): string {
  return `${bucketHref(bucket)}/blob/${encodePath(key)}`;
}

export function downloadHref(bucket: string, key: string, disposition: "attachment" | "inline" = "attachment"): string {
  const params = new URLSearchParams({ bucket, key });
  if (disposition === "inline") params.set("disposition", "inline");
  return `/api/storage/download?${params.toString()}`;
}

export function uploadHref(bucket: string, key: string, overwrite: boolean): string {
  const params = new URLSearchParams({ bucket, key });
  if (overwrite) params.set("overwrite", "1");
  return `/api/storage/upload?${params.toString()}`;
}

/** Next hands catch-all segments over still percent-encoded (checked: "100%25" arrives as is). */
export function keyFromSegments(segments: string[]): string {
  return segments.map(safeDecode).join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray "%": take it literally
  }
}

/** The breadcrumb trail of a prefix: [{name:"flights", prefix:"flights/"}, ...]. */
export function crumbsOf(prefix: string): { name: string; prefix: string }[] {
  const parts = prefix.split("/").filter(Boolean);
  return parts.map((name, i) => ({ name, prefix: `${parts.slice(0, i + 1).join("/")}/` }));
}

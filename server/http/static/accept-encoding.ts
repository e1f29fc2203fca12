// Which encoding of a static asset to send, from the request's Accept-Encoding (RFC 9110 §12.5.3).
// The server's preference decides between encodings the client accepts equally (browsers send
// "gzip, deflate, br, zstd" with no weights, and brotli is the smaller one), while a client's
// explicit weights and refusals (`br;q=0`, `identity;q=0`, `*;q=0`) are honoured.
export type ContentEncoding = "br" | "gzip" | "identity";

/** Most preferred first: brotli files are about 15–20 % smaller than gzip -9 for JavaScript. */
const SERVER_PREFERENCE: readonly ContentEncoding[] = ["br", "gzip", "identity"];

function weights(header: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of header.split(",")) {
    const [token, ...params] = part.trim().split(";");
    const name = token?.trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key?.toLowerCase() === "q") q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? "") ? Number(value) : 0;
    }
    // A repeated token: the first one counts, as in most servers.
    if (!result.has(name)) result.set(name, q);
  }
  return result;
}

/**
 * The encoding to send among `available` (identity is always possible unless refused), or null
 * when the client refuses every one of them.
 */
export function chooseEncoding(header: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | null {
  const offered = SERVER_PREFERENCE.filter((e) => e === "identity" || available.includes(e));
  // No header: any encoding is acceptable, but identity is the safe choice (RFC 9110).
  if (header === undefined) return "identity";
  const q = weights(header);
  const star = q.get("*");
  const weightOf = (encoding: ContentEncoding): number => {
    const own = q.get(encoding);
    if (own !== undefined) return own;
    if (star !== undefined) return star;
    // Identity is acceptable unless refused explicitly (or by `*;q=0`), but as the last resort:
    // the lowest weight there is. Other encodings only when named.
    return encoding === "identity" ? 0.001 : 0;
  };
  let best: ContentEncoding | null = null;
  let bestWeight = 0;
  for (const encoding of offered) {
    const w = weightOf(encoding);
    if (w > bestWeight) {
      best = encoding;
      bestWeight = w;
    }
  }
  return best;
}

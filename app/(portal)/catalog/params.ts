// Route segments of catalog pages hold names that may contain any character; Next hands them
// over still percent-encoded in some cases, so they are decoded here once (and only if valid).
export function routeParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

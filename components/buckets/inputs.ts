// Inputs of buckets.objects built one way on the server and in the browser, so the server's
// prefetch and the browser's first query share a cache key.
export const PAGE_SIZES = [100, 200, 500, 1000] as const;
export const DEFAULT_PAGE_SIZE = 200;

export function objectsInput(input: { bucket: string; prefix: string; filter?: string; cursor?: string | null; pageSize?: number }) {
  return {
    bucket: input.bucket,
    prefix: input.prefix,
    ...(input.filter ? { filter: input.filter } : {}),
    cursor: input.cursor ?? null,
    pageSize: input.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

// hyparquet reads a file through an AsyncBuffer: a length plus async slices. This one turns each
// slice into a range request on the object store and counts the bytes it fetched, so a preview
// can show how little of a large file it needed.
import type { AsyncBuffer } from "hyparquet";
import type { ObjectStore } from "../object-store";

export type CountingAsyncBuffer = AsyncBuffer & { readonly bytesRead: number; readonly requests: number };

export function objectAsyncBuffer(store: ObjectStore, bucket: string, key: string, size: number): CountingAsyncBuffer {
  let bytesRead = 0;
  let requests = 0;
  const cache = new Map<string, Promise<ArrayBuffer>>(); // hyparquet may ask for the same slice twice
  return {
    byteLength: size,
    get bytesRead() {
      return bytesRead;
    },
    get requests() {
      return requests;
    },
    slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const id = `${start}-${end}`;
      let slice = cache.get(id);
      if (!slice) {
        slice = (async () => {
          if (end <= start) return new ArrayBuffer(0);
          requests++;
          const bytes = await store.getRange(bucket, key, { start, end: end - 1 });
          bytesRead += bytes.byteLength;
          return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        })();
        cache.set(id, slice);
      }
      return slice;
    },
  };
}

// The stored form of one query result, written while the rows stream to the browser and read
// back for downloads and re-opened tabs. Results are kept as the run's own binary frames
// (".frames.br", lib/sql/frames.ts), brotli at quality 0:
//
//   event frame  {"format":"portal-result/2","columns":[{"name":"id","type":"BIGINT"}]}
//   page frames  the column pages exactly as the engine gave them (rows events of JSON rows, from
//                Trino, as event frames {"type":"rows","rows":[…]})
//   event frame  {"end":true,"rowCount":2}   the trailer: a file without it is not a complete result
//
// so keeping a DuckDB result costs its bytes' compression, not a conversion of every value.
// Results kept before (".ndjson.br", ".ndjson.gz") are compressed NDJSON, still read (and
// written, for the tests of that format):
//
//   {"format":"portal-result/1","columns":[{"name":"id","type":"BIGINT"}]}
//   [[1],[2],…]                 one line per page of rows, as the engine delivered them
//   {"end":true,"rowCount":2}   the trailer: a file without it is not a complete result
//
// Pages rather than single rows keep the file quick to write and read (one JSON.stringify per
// page). The key's suffix says the compression: ".ndjson.br" is brotli at quality 0, which
// shrinks typical results 4-10× like gzip level 1 but with about 40 % less CPU (1,000,000 flight
// rows: 0.29-0.38 s against 0.50 s, 10.3 MB against 10.0 MB, on a loaded 2-core machine);
// ".ndjson.gz" (gzip level 1, what results were kept as before) is still read and written. The
// object store's put is all-or-nothing, so an abandoned result leaves no object behind.
import { once } from "node:events";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { Transform } from "node:stream";
import { constants, createBrotliCompress, createBrotliDecompress, createGunzip, createGzip } from "node:zlib";
import { columnPageEvent, rowCountOf, type EngineColumn, type EngineRow, type RowsEvent } from "../../engines/query-engine";
import type { ObjectStore } from "../../storage/object-store";
import { ColumnPage } from "../../../lib/sql/column-page";
import { eventFrame, FRAME_PAGE, FRAMES_CONTENT_TYPE, parseEventFrame, readFrames } from "../../../lib/sql/frames";
import { eventFrames, rowsJson } from "../rows-json";

export const RESULT_FORMAT = "portal-result/1";
export const FRAMES_RESULT_FORMAT = "portal-result/2";
export const RESULT_CONTENT_TYPE = "application/x-ndjson";
/** The suffix of results kept as frames; the default for new results (result-space.ts). */
export const FRAMES_SUFFIX = ".frames.br";
const isFrames = (key: string) => key.endsWith(FRAMES_SUFFIX);

type Header = { format: string; columns: EngineColumn[] };

const CHUNK_BYTES = 256 * 1024;
const BATCH_BYTES = 1024 * 1024;

function compressorFor(key: string): Transform {
  if (!key.endsWith(".br")) return createGzip({ level: 1, chunkSize: CHUNK_BYTES });
  const mode = isFrames(key) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT;
  return createBrotliCompress({ chunkSize: CHUNK_BYTES, params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_MODE]: mode } });
}

function decompressorFor(key: string): Transform {
  return key.endsWith(".br") ? createBrotliDecompress() : createGunzip();
}

/**
 * How far compression and upload may fall behind the rows before `append` waits. Waiting on
 * every page (the stream's own 16 KB mark) would make each page wait for its own compression;
 * a few MB let both run alongside the query while memory per query stays bounded.
 */
const MAX_BEHIND_BYTES = 8 * 1024 * 1024;
type Trailer = { end: true; rowCount: number };

export class ResultTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The result is larger than ${Math.round(maxBytes / 1_000_000)} MB, the most the portal keeps.`);
    this.name = "ResultTooLargeError";
  }
}

/**
 * Streams one result into the object store. `append` waits while the store is behind (so
 * memory stays bounded); `commit` finishes the object; `abandon` drops it. Failures of the store
 * never reach the caller's query: they end the writer, and `commit` reports them.
 */
export class ResultWriter {
  private readonly compressor: Transform;
  private readonly upload: Promise<void>;
  private readonly controller = new AbortController();
  private failure: unknown = null;
  /** Bytes written before compression (the size limit's measure). */
  private plainBytes = 0;
  private readonly frames: boolean;
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private rowCount = 0;
  private compressedBytes = 0;
  private closed = false;

  constructor(
    store: ObjectStore,
    readonly bucket: string,
    readonly key: string,
    columns: EngineColumn[],
    private readonly maxPlainBytes: number,
  ) {
    this.frames = isFrames(key);
    this.compressor = compressorFor(key);
    // Its failures reach us through the upload; an unheard "error" event would end the process.
    this.compressor.on("error", () => undefined);
    this.upload = store.put(bucket, key, Readable.toWeb(this.compressor) as ReadableStream<Uint8Array>, {
      contentType: this.frames ? FRAMES_CONTENT_TYPE : RESULT_CONTENT_TYPE,
      signal: this.controller.signal,
      onProgress: (bytes) => (this.compressedBytes = bytes),
    });
    this.upload.catch((err: unknown) => this.fail(err));
    if (this.frames) this.write(eventFrame({ format: FRAMES_RESULT_FORMAT, columns } satisfies Header));
    else this.writeLine(JSON.stringify({ format: RESULT_FORMAT, columns } satisfies Header));
  }

  /** False once the writer gave up (too large, store failed, abandoned). */
  get healthy(): boolean {
    return !this.closed && this.failure === null;
  }

  /** One page: a rows event (its column page is written as is) or plain rows. */
  async append(page: RowsEvent | EngineRow[]): Promise<void> {
    const event: RowsEvent = Array.isArray(page) ? { type: "rows", rows: page } : page;
    const count = rowCountOf(event);
    if (!this.healthy || count === 0) return;
    this.rowCount += count;
    if (this.frames) for (const part of eventFrames(event)) this.write(part);
    else this.writeLine(rowsJson(event.rows));
    if (this.healthy && this.compressor.writableLength > MAX_BEHIND_BYTES) {
      // Wait for the store to catch up, unless it fails meanwhile.
      await Promise.race([once(this.compressor, "drain"), this.upload.catch(() => undefined)]);
    }
  }

  /** Completes the object; returns its compressed size, or throws why it could not be kept. */
  async commit(): Promise<{ bytes: number; rowCount: number }> {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error("The result writer was already closed.");
    const trailer = { end: true, rowCount: this.rowCount } satisfies Trailer;
    if (this.frames) this.write(eventFrame(trailer));
    else this.writeLine(JSON.stringify(trailer));
    this.closed = true;
    this.flushBatch();
    this.compressor.end();
    try {
      await this.upload;
    } catch (err) {
      throw this.failure ?? err; // the first cause (e.g. too large), not the abort it led to
    }
    if (this.failure) throw this.failure;
    return { bytes: this.compressedBytes, rowCount: this.rowCount };
  }

  /** Drops the result: the upload is aborted, no object remains. Safe to call at any time. */
  async abandon(): Promise<void> {
    if (this.closed && this.failure === null) {
      // committed or committing: nothing to drop here (the caller deletes a committed object)
      return;
    }
    this.closed = true;
    this.controller.abort(new Error("result abandoned"));
    this.compressor.destroy();
    await this.upload.catch(() => undefined);
  }

  private writeLine(line: string): void {
    this.write(line + "\n", line.length + 1);
  }

  private write(data: string | Uint8Array, bytes: number = typeof data === "string" ? data.length : data.byteLength): void {
    this.plainBytes += bytes;
    if (this.plainBytes > this.maxPlainBytes) {
      this.fail(new ResultTooLargeError(this.maxPlainBytes));
      return;
    }
    if (typeof data === "string") {
      this.flushBatch();
      this.compressor.write(data);
      return;
    }
    // Frames go to the compressor in batches of about 1 MB: each write is a round trip to
    // zlib's thread, and a page is often under 100 KB.
    this.batch.push(data);
    this.batchBytes += data.byteLength;
    if (this.batchBytes >= BATCH_BYTES) this.flushBatch();
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    this.compressor.write(this.batch.length === 1 ? this.batch[0]! : Buffer.concat(this.batch, this.batchBytes));
    this.batch = [];
    this.batchBytes = 0;
  }

  private fail(err: unknown): void {
    if (this.failure !== null) return;
    this.failure = err;
    this.controller.abort(err);
    this.compressor.destroy();
  }
}

export type StoredResult = {
  columns: EngineColumn[];
  /** Pages of rows in order; throws if the object is damaged or incomplete. */
  pages: AsyncGenerator<EngineRow[]>;
  /**
   * The same pages as rows events, column pages undecoded (a re-opened result goes to the
   * browser as it was kept). Read either this or `pages`, not both: they share one stream.
   */
  events: AsyncGenerator<RowsEvent>;
};

/** `events` as plain rows, decoding column pages; ends (and closes) the events with it. */
async function* rowsOf(events: AsyncGenerator<RowsEvent>): AsyncGenerator<EngineRow[]> {
  try {
    for await (const event of events) yield event.rows;
  } finally {
    await events.return(undefined);
  }
}

/** Opens a stored result: reads the header now (so a missing object fails here), pages lazily. */
export async function openResult(store: ObjectStore, bucket: string, key: string, signal?: AbortSignal): Promise<StoredResult> {
  return isFrames(key) ? openFramesResult(store, bucket, key, signal) : openNdjsonResult(store, bucket, key, signal);
}

async function openFramesResult(store: ObjectStore, bucket: string, key: string, signal?: AbortSignal): Promise<StoredResult> {
  const { body } = await store.get(bucket, key);
  const bytes = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>, { signal }).pipe(decompressorFor(key));
  const frames = readFrames(bytes)[Symbol.asyncIterator]();
  const close = () => {
    bytes.destroy();
  };
  const next = () =>
    frames.next().catch((err: unknown) => {
      close();
      throw damaged(key, err);
    });
  const first = await next();
  const header = first.done || first.value.kind === FRAME_PAGE ? null : (parseFrame(first.value.payload) as Header | null);
  if (!header || header.format !== FRAMES_RESULT_FORMAT || !Array.isArray(header.columns)) {
    close();
    throw damaged(key, "unknown header");
  }

  async function* events(): AsyncGenerator<RowsEvent> {
    let rowCount = 0;
    try {
      for (;;) {
        const frame = await next();
        if (frame.done) throw damaged(key, "it ends before its trailer");
        if (frame.value.kind === FRAME_PAGE) {
          let page: ColumnPage;
          try {
            page = ColumnPage.decode(frame.value.payload);
          } catch (err) {
            throw damaged(key, err);
          }
          rowCount += page.length;
          yield columnPageEvent(page);
          continue;
        }
        const value = parseFrame(frame.value.payload) as { type?: string; rows?: unknown; end?: boolean; rowCount?: number } | null;
        if (value?.type === "rows" && Array.isArray(value.rows)) {
          rowCount += value.rows.length;
          yield { type: "rows", rows: value.rows as EngineRow[] };
        } else if (value?.end === true) {
          if (value.rowCount !== rowCount) throw damaged(key, "its row count does not match");
          return;
        } else {
          throw damaged(key, "a frame is neither rows nor the trailer");
        }
      }
    } finally {
      close();
    }
  }
  const pageEvents = events();
  return { columns: header.columns, events: pageEvents, pages: rowsOf(pageEvents) };
}

function parseFrame(payload: Uint8Array): unknown {
  try {
    return parseEventFrame(payload);
  } catch {
    return null;
  }
}

async function openNdjsonResult(store: ObjectStore, bucket: string, key: string, signal?: AbortSignal): Promise<StoredResult> {
  const { body } = await store.get(bucket, key);
  const text = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>, { signal }).pipe(decompressorFor(key));
  const lines = createInterface({ input: text, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const close = () => {
    text.destroy();
  };
  const first = await lines.next().catch((err: unknown) => {
    close();
    throw damaged(key, err);
  });
  const header = first.done ? null : (parseLine(first.value) as Header | null);
  if (!header || header.format !== RESULT_FORMAT || !Array.isArray(header.columns)) {
    close();
    throw damaged(key, "unknown header");
  }

  async function* pages(): AsyncGenerator<EngineRow[]> {
    let rowCount = 0;
    try {
      for (;;) {
        const next = await lines.next().catch((err: unknown) => {
          throw damaged(key, err);
        });
        if (next.done) throw damaged(key, "it ends before its trailer");
        const value = parseLine(next.value);
        if (Array.isArray(value)) {
          rowCount += value.length;
          yield value as EngineRow[];
        } else if ((value as Trailer | null)?.end === true) {
          if ((value as Trailer).rowCount !== rowCount) throw damaged(key, "its row count does not match");
          return;
        } else {
          throw damaged(key, "a line is neither rows nor the trailer");
        }
      }
    } finally {
      close();
    }
  }
  const rowPages = pages();
  return { columns: header.columns, pages: rowPages, events: eventsOf(rowPages) };
}

async function* eventsOf(pages: AsyncGenerator<EngineRow[]>): AsyncGenerator<RowsEvent> {
  try {
    for await (const rows of pages) yield { type: "rows", rows };
  } finally {
    await pages.return(undefined);
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function damaged(key: string, cause: unknown): Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new Error(`The stored result ${key} cannot be read: ${detail}.`);
}

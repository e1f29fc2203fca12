// A page of rows is serialised once, though two readers want its JSON: the browser's NDJSON
// stream and the kept copy of the result. Pages are fresh arrays that are never changed after the
// engine yields them, so caching by identity is safe; the WeakMap lets them go with the page.
import type { EngineRow } from "../engines/query-engine";
import type { ColumnPage } from "../../lib/sql/column-page";
import { FRAME_EVENT, FRAME_PAGE, frameHeader } from "../../lib/sql/frames";

const cache = new WeakMap<EngineRow[], string>();

export function rowsJson(rows: EngineRow[]): string {
  let json = cache.get(rows);
  if (json === undefined) {
    json = JSON.stringify(rows);
    cache.set(rows, json);
  }
  return json;
}

/** One NDJSON line of a run event; a rows event reuses its page's JSON. */
export function eventLine(event: { type: string; rows?: EngineRow[]; page?: ColumnPage }): string {
  return event.type === "rows" && event.rows ? `{"type":"rows","rows":${rowsJson(event.rows)}}` : JSON.stringify(event);
}

const encoder = new TextEncoder();

/**
 * A run event as frames (lib/sql/frames.ts): a rows event with a column page is the page as is,
 * every other event (Trino's rows included) its JSON line's text.
 */
export function eventFrames(event: { type: string; rows?: EngineRow[]; page?: ColumnPage }): Uint8Array[] {
  if (event.type === "rows" && event.page) return [frameHeader(FRAME_PAGE, event.page.bytes.byteLength), event.page.bytes];
  const payload = encoder.encode(eventLine(event));
  return [frameHeader(FRAME_EVENT, payload.byteLength), payload];
}

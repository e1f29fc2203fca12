// A page of rows is serialised once, though two readers want its JSON: the browser's NDJSON
// stream and the kept copy of the result. Pages are fresh arrays that are never changed after the
// engine yields them, so caching by identity is safe; the WeakMap lets them go with the page.
import type { EngineRow } from "../engines/query-engine";

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
export function eventLine(event: { type: string; rows?: EngineRow[] }): string {
  return event.type === "rows" && event.rows ? `{"type":"rows","rows":${rowsJson(event.rows)}}` : JSON.stringify(event);
}

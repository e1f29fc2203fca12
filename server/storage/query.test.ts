// "Query this file" names the file where the engine can read it, in valid SQL.
import { describe, expect, it } from "vitest";
import { duckdbQueryFor, workbenchUrl } from "./query";

describe("DuckDB queries for files", () => {
  it("uses the reader of each format DuckDB reads, and none for others", () => {
    expect(duckdbQueryFor("s3://raw/a.parquet", "parquet")).toBe("SELECT * FROM read_parquet('s3://raw/a.parquet') LIMIT 100");
    expect(duckdbQueryFor("s3://raw/a.csv", "csv")).toBe("SELECT * FROM read_csv('s3://raw/a.csv') LIMIT 100");
    expect(duckdbQueryFor("s3://raw/a.tsv", "tsv")).toBe("SELECT * FROM read_csv('s3://raw/a.tsv', delim = '\\t') LIMIT 100");
    expect(duckdbQueryFor("s3://raw/a.ndjson", "ndjson")).toBe("SELECT * FROM read_json_auto('s3://raw/a.ndjson') LIMIT 100");
    expect(duckdbQueryFor("s3://raw/a.png", "image")).toBeNull();
    expect(duckdbQueryFor("s3://raw/a.txt", "text")).toBeNull();
  });

  it("escapes quotes in names, and the workbench link carries the query intact", () => {
    const sql = duckdbQueryFor("s3://raw/o'brien & co.csv", "csv")!;
    expect(sql).toBe("SELECT * FROM read_csv('s3://raw/o''brien & co.csv') LIMIT 100");
    expect(new URL(workbenchUrl(sql), "http://portal").searchParams.get("query")).toBe(sql);
  });
});

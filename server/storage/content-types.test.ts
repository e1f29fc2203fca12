// The type a file gets decides its preview and what S3 stores for it: the lakehouse's formats
// keep their own types, common formats get their registered ones, the rest is binary.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentTypeFor, DEFAULT_CONTENT_TYPE, extensionOf } from "./content-types";
import { LocalObjectStore } from "./local-store";
import { serveSignedDownload } from "./serve-signed";

describe("contentTypeFor", () => {
  it("gives the lakehouse's formats their own types", () => {
    expect(contentTypeFor("raw/flights.parquet")).toBe("application/vnd.apache.parquet");
    expect(contentTypeFor("raw/events.ndjson")).toBe("application/x-ndjson");
    expect(contentTypeFor("raw/events.JSONL")).toBe("application/x-ndjson");
    expect(contentTypeFor("raw/t.avro")).toBe("application/avro");
    expect(contentTypeFor("raw/t.arrow")).toBe("application/vnd.apache.arrow.file");
    expect(contentTypeFor("raw/t.orc")).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor("dags/job.yml")).toBe("application/yaml");
  });

  it("knows common formats beyond the lakehouse's own", () => {
    expect(contentTypeFor("raw/airports.csv")).toBe("text/csv");
    expect(contentTypeFor("raw/a.tsv")).toBe("text/tab-separated-values");
    expect(contentTypeFor("docs/readme.md")).toBe("text/markdown");
    expect(contentTypeFor("raw/weather.json")).toBe("application/json");
    expect(contentTypeFor("img/chart.PNG")).toBe("image/png");
    expect(contentTypeFor("img/photo.jpeg")).toBe("image/jpeg");
    expect(contentTypeFor("raw/dump.sql")).toBe("application/sql");
    expect(contentTypeFor("raw/a.csv.gz")).toBe("application/gzip");
    // Not in the old hand-written table: now typed instead of binary.
    expect(contentTypeFor("geo/countries.geojson")).toBe("application/geo+json");
    expect(contentTypeFor("conf/pyproject.toml")).toBe("application/toml");
    expect(contentTypeFor("raw/a.tar")).toBe("application/x-tar");
  });

  it("calls unknown, missing and hidden-file extensions binary", () => {
    expect(contentTypeFor("raw/blob.xyz123")).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor("raw/Makefile")).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor("raw/.env")).toBe(DEFAULT_CONTENT_TYPE);
    expect(contentTypeFor("raw/a.d/noext")).toBe(DEFAULT_CONTENT_TYPE);
  });

  it("reads the extension of the last path segment only", () => {
    expect(extensionOf("a.b/c")).toBe("");
    expect(extensionOf("a/b.tar.GZ")).toBe("gz");
  });
});

describe("types from mime-types do not change how files are served", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "portal-types-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const SECRET = "content-types-test-secret-0123456789abcdef";

  it("serves pages, scripts and SVG as attachments even when asked inline; raster images inline", async () => {
    const store = new LocalObjectStore({ root, signingSecret: () => SECRET });
    await store.init(["raw"]);
    const served = async (key: string) => {
      await store.put("raw", key, new TextEncoder().encode("<script>alert(1)</script>"));
      const link = await store.downloadLink("raw", key, { expiresInSeconds: 60, disposition: "inline", filename: key });
      const response = await serveSignedDownload(new Request(new URL(link, "http://portal.test")), store, SECRET);
      return { type: response.headers.get("content-type"), disposition: response.headers.get("content-disposition") };
    };
    for (const key of ["page.htm", "page.xhtml", "app.js", "logo.svg", "notes.txt"]) {
      expect(await served(key), key).toEqual({ type: "application/octet-stream", disposition: expect.stringMatching(/^attachment/) });
      // The file itself has a real type (the rule above is not just a fallback for binary).
      expect((await store.head("raw", key)).contentType, key).not.toBe(DEFAULT_CONTENT_TYPE);
    }
    expect(await served("chart.png")).toEqual({ type: "image/png", disposition: expect.stringMatching(/^inline/) });
  });
});

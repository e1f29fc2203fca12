// The ZSTD fallback decodes what the zstd tool encodes (skipped where no decoder exists).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { zstdDecompressor } from "./zstd";

const decompress = zstdDecompressor();

describe.skipIf(!decompress || spawnSync("zstd", ["--version"]).status !== 0)("ZSTD pages", () => {
  it("round-trips a page", () => {
    const original = Buffer.from("parquet page ".repeat(1000));
    const compressed = spawnSync("zstd", ["-c", "-q"], { input: original }).stdout;
    expect(Buffer.from(decompress!(compressed, original.length)).equals(original)).toBe(true);
  });
});

// ZSTD for hyparquet, which only bundles Snappy. Parquet writers (DuckDB, Spark, pyarrow) often
// use ZSTD — the demo flights file does. Node 22.15+ decodes it natively; on Node 20 we use the
// zstd command-line tool when the machine has it. (Adding the npm package
// `hyparquet-compressors` would remove this fallback.)
import { spawnSync } from "node:child_process";
import zlib from "node:zlib";

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

let resolved: Decompress | null | undefined;

export function zstdDecompressor(): Decompress | null {
  if (resolved !== undefined) return resolved;
  const native = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;
  if (native) {
    resolved = (input) => new Uint8Array(native(input));
  } else if (spawnSync("zstd", ["--version"], { stdio: "ignore" }).status === 0) {
    resolved = (input, outputLength) => {
      const out = spawnSync("zstd", ["-d", "-c", "-q"], { input, maxBuffer: Math.max(outputLength, 1) * 2 + 1024 });
      if (out.status !== 0) throw new Error("zstd could not decompress a page");
      return new Uint8Array(out.stdout.buffer, out.stdout.byteOffset, out.stdout.byteLength);
    };
  } else {
    resolved = null;
  }
  return resolved;
}

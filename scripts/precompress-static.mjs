#!/usr/bin/env node
// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every compressible
// build asset in .next/static, for server/http/static to send as they are. Run by
// build-if-needed.mjs after each build; `node scripts/precompress-static.mjs [.next/static]`.
// A copy that would not be smaller than its file is not written.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt", ".html", ".wasm", ".ttf", ".otf"]);
const TOO_SMALL = 512; // bytes: a header's worth; not worth a second request path

async function* assets(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(file);
    else if (COMPRESSIBLE.has(path.extname(entry.name))) yield file;
  }
}

async function compressOne(file) {
  const raw = await readFile(file);
  if (raw.length < TOO_SMALL) return { raw: raw.length, br: raw.length, gz: raw.length };
  const text = /\.(js|mjs|css|json|map|svg|txt|html)$/.test(file);
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip(raw, { level: 9 }),
  ]);
  if (br.length < raw.length) await writeFile(file + ".br", br);
  if (gz.length < raw.length) await writeFile(file + ".gz", gz);
  return { raw: raw.length, br: Math.min(br.length, raw.length), gz: Math.min(gz.length, raw.length) };
}

/** Compresses every asset under `dir`, two at a time (zlib runs on libuv's thread pool). */
export async function precompressStatic(dir) {
  const files = [];
  for await (const file of assets(dir)) files.push(file);
  const totals = { files: files.length, raw: 0, br: 0, gz: 0 };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const sizes = await compressOne(files[next++]);
      totals.raw += sizes.raw;
      totals.br += sizes.br;
      totals.gz += sizes.gz;
    }
  };
  await Promise.all([worker(), worker()]);
  return totals;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const dir = path.resolve(process.argv[2] ?? path.join(root, ".next/static"));
  const t = await precompressStatic(dir);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`Precompressed ${t.files} build assets: ${kb(t.raw)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
}

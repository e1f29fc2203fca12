// Loaded before anything else (`node --import ./server/memory/third-party-source-maps.mjs`):
// keeps Node from reading the source maps of code the portal does not own.
//
// Why: tsx turns Node's source-map support on for the whole process (process.setSourceMapsEnabled),
// so Node reads and keeps, for every CommonJS file it loads that names a source map, the whole map
// — mappings and often the original sources. Next.js's own files and the production build's
// server chunks (.next/server, 140 MB of maps for 25 MB of code) made V8's heap 358 MB instead
// of 144 MB at rest (scripts/bench/memory-breakdown.ts). Their stack traces name real positions
// in real files anyway; the portal's own TypeScript keeps its maps (tsx inlines them), so the
// portal's stack traces still point at server/*.ts lines.
import Module from "node:module";
import path from "node:path";

const THIRD_PARTY = [`${path.sep}node_modules${path.sep}`, `${path.sep}.next${path.sep}`];
const MAGIC_COMMENT = /\n\/\/[#@] sourceMappingURL=[^\n]*\s*$/;

const compile = Module.prototype._compile;
Module.prototype._compile = function compileWithoutThirdPartySourceMap(content, filename, ...rest) {
  const thirdParty = typeof content === "string" && THIRD_PARTY.some((part) => filename.includes(part));
  // The comment is the file's last line; only the tail is searched, so a 3 MB chunk costs nothing.
  const tail = thirdParty ? content.slice(-1024) : "";
  const stripped = thirdParty && MAGIC_COMMENT.test(tail) ? content.slice(0, content.length - tail.length) + tail.replace(MAGIC_COMMENT, "\n") : content;
  return compile.call(this, stripped, filename, ...rest);
};

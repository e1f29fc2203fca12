// How the portal's process is started to keep its memory down (issue 16, item 10; figures in
// README "Deploying", measured by scripts/bench/sizing.ts and memory-breakdown.ts). Both must be
// in place before Node loads anything, so they live in the start commands — package.json "start"
// and the container image (ENV and ENTRYPOINT) repeat these values — and the sizing script
// starts its replicas with them.
//
// - MALLOC_ARENA_MAX=2: glibc gives threads that allocate (DuckDB's workers, libuv's pool, V8's
//   helpers) arenas of their own, up to 8 per core, and each keeps the memory freed in it.
// - the preload third-party-source-maps.mjs (`node --import <it> --import tsx server/main.ts`):
//   stops Node keeping the source maps of Next.js and of the build's server chunks, which tsx's
//   process-wide source-map support made it read and hold (see there).
import path from "node:path";

export const MEMORY_ENV = { MALLOC_ARENA_MAX: "2" } as const;

/** The preload, relative to the repository's root (the image's working directory). */
export const SOURCE_MAP_PRELOAD = "./server/memory/third-party-source-maps.mjs";

/** NODE_OPTIONS that load the preload, for a process started by a command we cannot change. */
export function preloadNodeOptions(root: string): string {
  return `--import=${path.join(root, SOURCE_MAP_PRELOAD)}`;
}

// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // These packages hold native code, WASM or process-wide state (the metrics registry, the
  // database pool): load them from node_modules at run time instead of bundling a second copy.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "prom-client",
    "pino",
    "@node-rs/argon2",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@duckdb/node-api",
    "@duckdb/node-bindings",
  ],
  // `npm test` type-checks the whole tree (tsc --noEmit, tests and scripts included); the build
  // does not repeat it, so a half-finished test file never stops `npm start` from building.
  typescript: { ignoreBuildErrors: true },
  // forbidden() in server components answers a real 403 (app/(portal)/forbidden.tsx renders it).
  experimental: { authInterrupts: true },
};

export default nextConfig;

// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // These packages hold native code, WASM or process-wide state (the metrics registry, the
  // database pool): load them from node_modules at run time instead of bundling a second copy.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "prom-client", "pino", "@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@duckdb/node-api", "@duckdb/node-bindings"],
  // The launcher (server/main.ts) and the tests type-check the code; the build need not repeat it.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;

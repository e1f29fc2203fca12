// Prisma CLI configuration. Only `prisma generate` is used by the portal: migrations are
// applied by our own offline runner (server/db/migrate.ts), which records them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so both stay interchangeable.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});

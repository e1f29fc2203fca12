-- SQL workbench: the run history and saved queries.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "query_run_status" AS ENUM ('running', 'succeeded', 'failed', 'cancelled');

CREATE TABLE "query_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "engine_id" TEXT NOT NULL,
    "engine_query_id" TEXT,
    "catalog" TEXT,
    "schema" TEXT,
    "sql" TEXT NOT NULL,
    "statement_kind" TEXT NOT NULL,
    "status" "query_run_status" NOT NULL DEFAULT 'running',
    "row_count" INTEGER,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "error_message" TEXT,
    "error_line" INTEGER,
    "error_column" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    CONSTRAINT "query_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "query_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "query_runs_user_id_started_at_idx" ON "query_runs"("user_id", "started_at");
CREATE INDEX "query_runs_started_at_idx" ON "query_runs"("started_at");
CREATE INDEX "query_runs_sql_trgm_idx" ON "query_runs" USING GIN ("sql" gin_trgm_ops);

CREATE TABLE "saved_queries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "engine_id" TEXT NOT NULL,
    "catalog" TEXT,
    "schema" TEXT,
    "sql" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "saved_queries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "saved_queries_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "saved_queries_owner_id_idx" ON "saved_queries"("owner_id");
CREATE INDEX "saved_queries_name_idx" ON "saved_queries"("name");

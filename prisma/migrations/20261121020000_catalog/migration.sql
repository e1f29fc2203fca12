-- Dataset catalog: crawl runs, datasets with their columns and schema history, workbench usage,
-- tags, glossary, and the search index (stored tsvector + GIN; pg_trgm for typos).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Splits identifiers into words for full-text search: camelCase and snake_case, dots, @ and
-- other punctuation become spaces ("dailyFlight_delays" -> "daily Flight delays"). The same
-- function builds the stored documents and the per-column "why it matched", so they agree.
CREATE OR REPLACE FUNCTION catalog_words(input TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT regexp_replace(regexp_replace(coalesce(input, ''), '([[:lower:][:digit:]])([[:upper:]])', '\1 \2', 'g'), '[^[:alnum:]]+', ' ', 'g') $$;

CREATE TYPE "catalog_crawl_status" AS ENUM ('running', 'succeeded', 'failed');

CREATE TABLE "catalog_crawl_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "engine_id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_by_id" UUID,
    "started_by_email" TEXT,
    "status" "catalog_crawl_status" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "schemas_total" INTEGER NOT NULL DEFAULT 0,
    "schemas_done" INTEGER NOT NULL DEFAULT 0,
    "tables_seen" INTEGER NOT NULL DEFAULT 0,
    "tables_done" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error_message" TEXT,
    "error_where" TEXT,
    CONSTRAINT "catalog_crawl_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "catalog_crawl_runs_engine_id_started_at_idx" ON "catalog_crawl_runs"("engine_id", "started_at");

CREATE TABLE "catalog_datasets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "engine_id" TEXT NOT NULL,
    "catalog" TEXT NOT NULL,
    "schema" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "engine_comment" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "description_updated_at" TIMESTAMPTZ(3),
    "description_updated_by" TEXT,
    "owners" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "glossary_terms" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "columns_hash" TEXT NOT NULL,
    "column_count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "schema_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),
    "last_crawl_run_id" UUID,
    "row_count" BIGINT,
    "size_bytes" BIGINT,
    "last_modified_at" TIMESTAMPTZ(3),
    "stats_at" TIMESTAMPTZ(3),
    "expected_update_hours" INTEGER,
    "usage_count" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMPTZ(3),
    "search_document" TSVECTOR,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "catalog_datasets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "catalog_datasets_engine_id_catalog_schema_name_key" ON "catalog_datasets"("engine_id", "catalog", "schema", "name");
CREATE INDEX "catalog_datasets_tags_idx" ON "catalog_datasets" USING GIN ("tags");
CREATE INDEX "catalog_datasets_owners_idx" ON "catalog_datasets" USING GIN ("owners");
-- Search: full text over the weighted document; exact and prefix name matches (pattern ops, so
-- LIKE 'abc%' uses it whatever the database collation); browsing by popularity.
CREATE INDEX "catalog_datasets_search_document_idx" ON "catalog_datasets" USING GIN ("search_document");
CREATE INDEX "catalog_datasets_lower_name_idx" ON "catalog_datasets" (lower("name") text_pattern_ops);
CREATE INDEX "catalog_datasets_popular_idx" ON "catalog_datasets" ("usage_count" DESC, "name") WHERE "removed_at" IS NULL;

CREATE TABLE "catalog_columns" (
    "dataset_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "nullable" BOOLEAN NOT NULL DEFAULT true,
    "ordinal" INTEGER NOT NULL,
    "engine_comment" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "catalog_columns_pkey" PRIMARY KEY ("dataset_id", "name"),
    CONSTRAINT "catalog_columns_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "catalog_datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "catalog_schema_changes" (
    "id" BIGSERIAL NOT NULL,
    "dataset_id" UUID NOT NULL,
    "crawl_run_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "change" TEXT NOT NULL,
    "column_name" TEXT,
    "old_type" TEXT,
    "new_type" TEXT,
    CONSTRAINT "catalog_schema_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "catalog_schema_changes_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "catalog_datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "catalog_schema_changes_dataset_id_at_idx" ON "catalog_schema_changes"("dataset_id", "at");

CREATE TABLE "catalog_dataset_usage" (
    "dataset_id" UUID NOT NULL,
    "query_run_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "catalog_dataset_usage_pkey" PRIMARY KEY ("dataset_id", "query_run_id"),
    CONSTRAINT "catalog_dataset_usage_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "catalog_datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "catalog_dataset_usage_dataset_id_at_idx" ON "catalog_dataset_usage"("dataset_id", "at");

CREATE TABLE "catalog_tags" (
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'tag',
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "catalog_tags_pkey" PRIMARY KEY ("name")
);
-- Classifications every deployment needs; more can be added by editors as plain tags.
INSERT INTO "catalog_tags" ("name", "kind", "description") VALUES
    ('pii', 'classification', 'Holds personal data (names, e-mail addresses, locations, identifiers of people).'),
    ('pii.email', 'classification', 'Holds e-mail addresses.'),
    ('pii.location', 'classification', 'Holds precise locations of people.'),
    ('gdpr', 'classification', 'Subject to the GDPR: processing needs a legal basis; honour erasure requests.'),
    ('confidential', 'classification', 'For internal use only; do not share outside the company.'),
    ('public', 'classification', 'May be shared publicly.');

CREATE TABLE "catalog_glossary_terms" (
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "catalog_glossary_terms_pkey" PRIMARY KEY ("name")
);

CREATE TABLE "catalog_search_terms" (
    "term" TEXT NOT NULL,
    CONSTRAINT "catalog_search_terms_pkey" PRIMARY KEY ("term")
);
-- Nearest words by trigram distance (ORDER BY term <-> 'flihgts' LIMIT n: a KNN scan, no
-- threshold to tune) and "is there a word starting with ...?" lookups.
CREATE INDEX "catalog_search_terms_trgm_idx" ON "catalog_search_terms" USING GIST ("term" gist_trgm_ops);
CREATE INDEX "catalog_search_terms_prefix_idx" ON "catalog_search_terms" ("term" text_pattern_ops);

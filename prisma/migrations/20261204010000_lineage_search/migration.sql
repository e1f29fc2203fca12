-- lineage.search (the /lineage page's search box) finds datasets and jobs by any part of the
-- name, in any case (ILIKE '%…%'). Without an index that is a sequential scan of every name per
-- keystroke: measured at 100,000 datasets on PostgreSQL, ~80 ms each (scripts/bench/lineage-search.ts).
-- Trigram GIN indexes answer parts of three characters or more from the index (PGlite loads
-- pg_trgm too, server/db/embedded.ts). Names never change, so updates of a dataset's other
-- columns (every event touches updated_at) stay heap-only and do not touch these indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "lineage_datasets_name_trgm_idx" ON "lineage_datasets" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "lineage_jobs_name_trgm_idx" ON "lineage_jobs" USING GIN ("name" gin_trgm_ops);

-- Lineage ingestion speed (server/lineage/README.md, "The write path"). Storage settings only:
-- no table, column or index changes, so prisma/schema.prisma is unchanged by this migration.

-- The tables a batch updates in place (a run's state, a dataset's or job's merged facts, an
-- edge's last sighting) keep a fifth of each page free, so the update can stay on the same page
-- without touching the indexes (a HOT update): none of the columns it changes is indexed.
ALTER TABLE "lineage_runs" SET (fillfactor = 80);
ALTER TABLE "lineage_datasets" SET (fillfactor = 80);
ALTER TABLE "lineage_jobs" SET (fillfactor = 80);
ALTER TABLE "lineage_run_datasets" SET (fillfactor = 80);
ALTER TABLE "lineage_edges" SET (fillfactor = 80);

-- Raw events and merged facets are the large values (a Spark event with its logical plan is tens
-- of KB): lz4 compresses them several times faster than pglz, the default. Only where the
-- server was built with lz4 (PostgreSQL 14+ packages are; the embedded PGlite is not, and keeps
-- pglz); existing values stay as they are until rewritten.
DO $$
BEGIN
  ALTER TABLE "lineage_raw_events" ALTER COLUMN "payload" SET COMPRESSION lz4;
  ALTER TABLE "lineage_runs" ALTER COLUMN "facets" SET COMPRESSION lz4;
  ALTER TABLE "lineage_datasets" ALTER COLUMN "facets" SET COMPRESSION lz4;
  ALTER TABLE "lineage_jobs" ALTER COLUMN "facets" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available: lineage values keep the default compression';
END $$;

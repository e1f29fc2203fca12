-- Pipelines dashboards (server/pipelines/README.md). Two indexes, chosen so that ingestion keeps
-- its HOT updates (server/lineage/README.md, "The write path"): neither indexes a column a batch
-- changes in place (a run's state and end move, its created_at is the least event time and so
-- stays put once its first event is in; a job's parent rarely moves).

-- The run list across all jobs, newest first, paged by keyset on (created_at, id): every page,
-- however deep, is one index range scan. Time-range filters and the cross-pipeline timeline use
-- it too.
CREATE INDEX "lineage_runs_created_at_id_idx" ON "lineage_runs"("created_at" DESC, "id" DESC);

-- A pipeline's tasks (jobs whose ParentRunFacet names it).
CREATE INDEX "lineage_jobs_parent_job_id_idx" ON "lineage_jobs"("parent_job_id");

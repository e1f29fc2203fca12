-- SQL workbench: where a run's finished result is kept (the result spool), so downloads and
-- re-opened results read it back instead of running the statement again.

ALTER TABLE "query_runs"
    ADD COLUMN "result_key" TEXT,
    ADD COLUMN "result_bytes" BIGINT,
    ADD COLUMN "result_expires_at" TIMESTAMPTZ(3);

-- The retention sweeper looks for expired results.
CREATE INDEX "query_runs_result_expires_at_idx" ON "query_runs"("result_expires_at");

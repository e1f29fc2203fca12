-- Pipelines (issue 13, item 7): runs per UTC day by outcome, kept by a background job
-- (server/pipelines/rollup.ts) instead of counting every run of a 30-day window per page view.
-- Nothing in the ingestion path writes here.

-- One row per UTC day that has runs (a day without a row, inside the counted range, had none).
CREATE TABLE "pipeline_run_days" (
    "day" DATE NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "other" INTEGER NOT NULL DEFAULT 0,
    "counted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_run_days_pkey" PRIMARY KEY ("day")
);

-- The one row (id 1) saying how far the rollup has read lineage_run_states, and when.
CREATE TABLE "pipeline_rollup_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "watermark" BIGINT NOT NULL DEFAULT 0,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pipeline_rollup_state_pkey" PRIMARY KEY ("id")
);

-- Lineage (server/lineage/README.md): OpenLineage events as received, and the model normalised
-- from them. Times are timestamptz(6): producers send up to nanoseconds, PostgreSQL keeps micro.

CREATE TABLE "lineage_raw_events" (
    "id" BIGSERIAL NOT NULL,
    "event_hash" TEXT NOT NULL,
    "event_kind" TEXT NOT NULL,
    "event_type" TEXT,
    "event_time" TIMESTAMPTZ(6) NOT NULL,
    "run_id" UUID,
    "job_namespace" TEXT,
    "job_name" TEXT,
    "producer" TEXT NOT NULL,
    "spec_version" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "received_by" UUID,
    CONSTRAINT "lineage_raw_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_raw_events_event_hash_key" ON "lineage_raw_events"("event_hash");
CREATE INDEX "lineage_raw_events_run_id_idx" ON "lineage_raw_events"("run_id");
CREATE INDEX "lineage_raw_events_event_time_idx" ON "lineage_raw_events"("event_time");

CREATE TABLE "lineage_namespaces" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_namespaces_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_namespaces_name_key" ON "lineage_namespaces"("name");

CREATE TABLE "lineage_datasets" (
    "id" BIGSERIAL NOT NULL,
    "namespace_id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '[]',
    "facets" JSONB NOT NULL DEFAULT '{}',
    "description" TEXT,
    "source_name" TEXT,
    "current_version_id" BIGINT,
    "catalog_dataset_id" UUID,
    "object_bucket" TEXT,
    "object_key" TEXT,
    "lifecycle_state" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_datasets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_datasets_namespace_id_name_key" ON "lineage_datasets"("namespace_id", "name");
CREATE INDEX "lineage_datasets_catalog_dataset_id_idx" ON "lineage_datasets"("catalog_dataset_id");
-- Re-linking when the catalog learns a dataset looks for the unlinked ones.
CREATE INDEX "lineage_datasets_unlinked_idx" ON "lineage_datasets"("namespace_id") WHERE "catalog_dataset_id" IS NULL;
ALTER TABLE "lineage_datasets" ADD CONSTRAINT "lineage_datasets_namespace_id_fkey" FOREIGN KEY ("namespace_id") REFERENCES "lineage_namespaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- Catalog datasets are never deleted (they get removed_at), but a link must not dangle if one is.
ALTER TABLE "lineage_datasets" ADD CONSTRAINT "lineage_datasets_catalog_dataset_id_fkey" FOREIGN KEY ("catalog_dataset_id") REFERENCES "catalog_datasets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "lineage_dataset_versions" (
    "id" BIGSERIAL NOT NULL,
    "dataset_id" BIGINT NOT NULL,
    "version" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '[]',
    "run_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_dataset_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_dataset_versions_dataset_id_version_key" ON "lineage_dataset_versions"("dataset_id", "version");
ALTER TABLE "lineage_dataset_versions" ADD CONSTRAINT "lineage_dataset_versions_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "lineage_datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_dataset_symlinks" (
    "dataset_id" BIGINT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    CONSTRAINT "lineage_dataset_symlinks_pkey" PRIMARY KEY ("dataset_id", "namespace", "name")
);
CREATE INDEX "lineage_dataset_symlinks_namespace_name_idx" ON "lineage_dataset_symlinks"("namespace", "name");
ALTER TABLE "lineage_dataset_symlinks" ADD CONSTRAINT "lineage_dataset_symlinks_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "lineage_datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_jobs" (
    "id" BIGSERIAL NOT NULL,
    "namespace_id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "job_type" TEXT,
    "processing_type" TEXT,
    "integration" TEXT,
    "sql" TEXT,
    "sql_dialect" TEXT,
    "source_type" TEXT,
    "source_url" TEXT,
    "description" TEXT,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "current_version_id" BIGINT,
    "version_at" TIMESTAMPTZ(6),
    "parent_job_id" BIGINT,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_jobs_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_jobs_namespace_id_name_key" ON "lineage_jobs"("namespace_id", "name");
ALTER TABLE "lineage_jobs" ADD CONSTRAINT "lineage_jobs_namespace_id_fkey" FOREIGN KEY ("namespace_id") REFERENCES "lineage_namespaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_job_versions" (
    "id" BIGSERIAL NOT NULL,
    "job_id" BIGINT NOT NULL,
    "version" TEXT NOT NULL,
    "input_ids" BIGINT[] NOT NULL,
    "output_ids" BIGINT[] NOT NULL,
    "run_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_job_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_job_versions_job_id_version_key" ON "lineage_job_versions"("job_id", "version");
ALTER TABLE "lineage_job_versions" ADD CONSTRAINT "lineage_job_versions_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lineage_jobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_runs" (
    "id" UUID NOT NULL,
    "job_id" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "state_at" TIMESTAMPTZ(6) NOT NULL,
    "started_at" TIMESTAMPTZ(6),
    "ended_at" TIMESTAMPTZ(6),
    "nominal_start_at" TIMESTAMPTZ(6),
    "nominal_end_at" TIMESTAMPTZ(6),
    "parent_run_id" UUID,
    "parent_job_namespace" TEXT,
    "parent_job_name" TEXT,
    "root_run_id" UUID,
    "root_job_namespace" TEXT,
    "root_job_name" TEXT,
    "job_version_id" BIGINT,
    "error_message" TEXT,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "lineage_runs_job_id_created_at_idx" ON "lineage_runs"("job_id", "created_at");
CREATE INDEX "lineage_runs_parent_run_id_idx" ON "lineage_runs"("parent_run_id");
CREATE INDEX "lineage_runs_root_run_id_idx" ON "lineage_runs"("root_run_id");
ALTER TABLE "lineage_runs" ADD CONSTRAINT "lineage_runs_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lineage_jobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_run_states" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(6) NOT NULL,
    "raw_event_id" BIGINT NOT NULL,
    CONSTRAINT "lineage_run_states_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "lineage_run_states_run_id_event_time_idx" ON "lineage_run_states"("run_id", "event_time");
ALTER TABLE "lineage_run_states" ADD CONSTRAINT "lineage_run_states_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "lineage_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_run_datasets" (
    "run_id" UUID NOT NULL,
    "dataset_id" BIGINT NOT NULL,
    "direction" TEXT NOT NULL,
    "version_id" BIGINT,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_run_datasets_pkey" PRIMARY KEY ("run_id", "dataset_id", "direction")
);
CREATE INDEX "lineage_run_datasets_dataset_id_idx" ON "lineage_run_datasets"("dataset_id");
ALTER TABLE "lineage_run_datasets" ADD CONSTRAINT "lineage_run_datasets_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "lineage_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "lineage_edges" (
    "id" BIGSERIAL NOT NULL,
    "job_id" BIGINT NOT NULL,
    "dataset_id" BIGINT NOT NULL,
    "direction" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(6) NOT NULL,
    "valid_to" TIMESTAMPTZ(6),
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_run_id" UUID,
    CONSTRAINT "lineage_edges_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "lineage_edges_job_id_direction_valid_from_idx" ON "lineage_edges"("job_id", "direction", "valid_from");
CREATE INDEX "lineage_edges_dataset_id_direction_valid_from_idx" ON "lineage_edges"("dataset_id", "direction", "valid_from");
-- At most one open (current) edge per job, dataset and direction: ingestion upserts on it, and
-- the graph's "now" queries walk only these.
CREATE UNIQUE INDEX "lineage_edges_open_key" ON "lineage_edges"("job_id", "dataset_id", "direction") WHERE "valid_to" IS NULL;
CREATE INDEX "lineage_edges_open_dataset_idx" ON "lineage_edges"("dataset_id", "direction") INCLUDE ("job_id") WHERE "valid_to" IS NULL;
CREATE INDEX "lineage_edges_open_job_idx" ON "lineage_edges"("job_id", "direction") INCLUDE ("dataset_id") WHERE "valid_to" IS NULL;

CREATE TABLE "lineage_column_edges" (
    "id" BIGSERIAL NOT NULL,
    "output_dataset_id" BIGINT NOT NULL,
    "output_field" TEXT NOT NULL,
    "input_dataset_id" BIGINT NOT NULL,
    "input_field" TEXT NOT NULL,
    "transformation_type" TEXT NOT NULL,
    "transformation_subtype" TEXT NOT NULL,
    "description" TEXT,
    "masking" BOOLEAN NOT NULL DEFAULT false,
    "job_id" BIGINT,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "lineage_column_edges_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_column_edges_identity_key" ON "lineage_column_edges"("output_dataset_id", "output_field", "input_dataset_id", "input_field", "transformation_type", "transformation_subtype");
CREATE INDEX "lineage_column_edges_input_dataset_id_input_field_idx" ON "lineage_column_edges"("input_dataset_id", "input_field");

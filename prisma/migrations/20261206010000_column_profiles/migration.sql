-- Issue 16, item 9: column profiles computed on demand through the engine and kept per dataset,
-- target ('' = the first columns; else one column) and reader ('' = every reader sees the same
-- rows; on Trino the portal user it ran as). See server/catalog/profiles/README.md.
CREATE TABLE "catalog_column_profiles" (
    "id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "reader" TEXT NOT NULL DEFAULT '',
    "fingerprint" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computed_by" TEXT NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "sampling" TEXT NOT NULL,
    "sample_percent" DOUBLE PRECISION,
    "sampled_rows" BIGINT NOT NULL,
    "table_rows" BIGINT,
    "total_columns" INTEGER NOT NULL,
    "columns" JSONB NOT NULL,

    CONSTRAINT "catalog_column_profiles_pkey" PRIMARY KEY ("id"),
    -- Datasets are never deleted (they get removed_at), but if one ever is, its profiles go too.
    CONSTRAINT "catalog_column_profiles_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "catalog_datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "catalog_column_profiles_dataset_id_target_reader_key" ON "catalog_column_profiles"("dataset_id", "target", "reader");

-- Workbench tabs and drafts per user (server/sql/tabs): the copy of a user's editor tabs that
-- follows them to another browser. Deleting a user deletes their drafts.

CREATE TABLE "workbench_tabs" (
    "user_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "sql" TEXT NOT NULL,
    "engine_id" TEXT,
    "catalog" TEXT,
    "schema" TEXT,
    "row_limit" INTEGER NOT NULL,
    "saved_query_id" UUID,
    "saved_version" TEXT,
    "kept_run_id" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updated_from" TEXT NOT NULL DEFAULT '',
    "writer_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "workbench_tabs_pkey" PRIMARY KEY ("user_id", "id"),
    CONSTRAINT "workbench_tabs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

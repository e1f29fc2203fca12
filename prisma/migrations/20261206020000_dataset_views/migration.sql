-- Issue 16: the home page's recently viewed and popular datasets (server/catalog/home.ts).
-- One row per (user, dataset) opened; the portal keeps each user's 200 latest.
CREATE TABLE "catalog_dataset_views" (
    "user_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "last_viewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "view_count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "catalog_dataset_views_pkey" PRIMARY KEY ("user_id", "dataset_id"),
    -- A dataset deleted from the catalog (the crawler only marks removals; a hand cleanup may
    -- delete) or a deleted user takes its rows along.
    CONSTRAINT "catalog_dataset_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "catalog_dataset_views_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "catalog_datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- A user's list, newest first (also bounds it: the rows past the 200th are pruned by this order).
CREATE INDEX "catalog_dataset_views_user_id_last_viewed_at_idx" ON "catalog_dataset_views"("user_id", "last_viewed_at" DESC);
-- Popular: the views of the last 30 days.
CREATE INDEX "catalog_dataset_views_last_viewed_at_idx" ON "catalog_dataset_views"("last_viewed_at");

-- Catalog facets at scale (issue 16, item 9): a fixed random sample of the catalog to estimate
-- facet counts from when a query matches too many datasets to count them all
-- (server/catalog/search-facets.ts). A dataset's sample bucket is a hash of its id, 0..1023;
-- "buckets below k" is the same random k/1024 of the catalog for every query, so estimates do
-- not jitter between calls, and this index reads those datasets without a scan.
--
-- Not in prisma/schema.prisma: Prisma cannot express an index on an expression (as for
-- catalog_datasets_lower_name_idx in 20261121020000_catalog); the drift test compares column
-- indexes only.
CREATE INDEX "catalog_datasets_sample_idx" ON "catalog_datasets" ((hashtext("id"::text) & 1023)) WHERE "removed_at" IS NULL;

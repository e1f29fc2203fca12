// Catalog owners for the demo lakehouse's tables, so a failed demo run's impact panel names real
// people to notify: the portal's first administrator (the account the launcher creates). Given
// once per dataset — a dataset whose owners a steward ever changed (an audit event says so) keeps
// what the steward chose, even an empty list. Runs under the demo pipeline's lock, after the
// crawler has put the tables in the catalog (until then there is nothing to own).
import type { Db } from "../../db/client";
import { DEMO_CATALOG } from "../../engines/duckdb/demo-lakehouse";
import { refreshSearchDocuments } from "../../catalog/search-document";
import { datasetSubject } from "../../catalog/stewardship";
import { recordAudit } from "../../audit/audit";

/** The e-mail given as owner: the earliest enabled administrator, or null when there is none. */
async function demoOwner(db: Db): Promise<string | null> {
  const admin = await db.user.findFirst({ where: { role: "admin", disabled: false }, orderBy: { createdAt: "asc" }, select: { email: true } });
  return admin?.email ?? null;
}

/** Owners for the demo tables that never had any; the number of datasets it gave owners. */
export async function ensureDemoOwners(db: Db): Promise<number> {
  const owner = await demoOwner(db);
  if (!owner) return 0;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT d.id::text, d.catalog || '.' || d.schema || '.' || d.name AS name FROM catalog_datasets d
       WHERE d.engine_id = 'duckdb' AND d.catalog = ${DEMO_CATALOG} AND d.schema IN ('raw', 'staging', 'curated')
         AND d.removed_at IS NULL AND d.owners = '{}'
         AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'catalog.owners_changed' AND a.subject = 'dataset:' || d.id::text)
       FOR UPDATE OF d`;
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await tx.$executeRaw`UPDATE catalog_datasets SET owners = ARRAY[${owner}]::text[] WHERE id = ANY(${ids}::uuid[])`;
    await refreshSearchDocuments(tx, ids);
    for (const r of rows) {
      // No person did it: the audit row names the demo pipeline in its details.
      await recordAudit(tx, {
        actor: null,
        action: "catalog.owners_changed",
        subject: datasetSubject(r.id),
        outcome: "success",
        details: { dataset: r.name, before: [], after: [owner], by: "demo pipeline" },
      });
    }
    return rows.length;
  });
}

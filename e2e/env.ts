// Facts shared by playwright.config.ts and the tests (no Playwright imports here).
import path from "node:path";

// PORTAL_E2E_PORT lets two runs share a machine (e.g. a CI check beside a developer's run).
export const E2E_PORT = Number(process.env.PORTAL_E2E_PORT ?? 3199);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/**
 * e2e/airflow.spec.ts: the portal is started configured with this Airflow, a fake one that only
 * that spec runs. Other specs' runs are not in its OpenLineage namespace, so their run pages show
 * no Airflow panel and never call it.
 */
export const AIRFLOW_E2E = {
  port: Number(process.env.PORTAL_E2E_AIRFLOW_PORT ?? E2E_PORT + 1000),
  username: "portal-e2e",
  password: "e2e-airflow-password-123",
  namespace: "e2e-airflow",
} as const;
export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-123", name: "Administrator" } as const;

/** The signed-in admin's cookies, saved by global.setup.ts in the run's temporary data folder. */
export function adminStatePath(): string {
  const dir = process.env.PORTAL_E2E_DATA_DIR;
  if (!dir) throw new Error("PORTAL_E2E_DATA_DIR is not set: run the tests through playwright.config.ts");
  return path.join(dir, "admin-storage-state.json");
}

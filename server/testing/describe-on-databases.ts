// Integration suites run once on each database the portal supports: the embedded PGlite always,
// the PostgreSQL server at 127.0.0.1:5432 when it is reachable (skipped, with the suite's name in
// the report, when it is not). The suite receives `kind` for createTestDatabase and `skip`.
import { describe } from "vitest";
import { postgresAvailable } from "./databases";

export type DatabaseCase = { kind: "pglite" | "postgres"; skip: boolean };

let availability: Promise<boolean> | undefined;

/** `await describeOnDatabases("users on $kind", ({ kind, skip }) => { … })` at a test file's top level. */
export async function describeOnDatabases(title: string, suite: (database: DatabaseCase) => void): Promise<void> {
  availability ??= postgresAvailable();
  const available = await availability;
  describe.each<DatabaseCase>([
    { kind: "pglite", skip: false },
    { kind: "postgres", skip: !available },
  ])(title, suite);
}

// The instance-wide half of the sandbox, set once when the engine starts and then locked: SQL
// reaches no file outside the lake's folder (DuckDB's own check, with symbolic links followed),
// no network, no extension that is not built in, and no setting can change afterwards. The
// statement check (check-statement.ts) then narrows file access to the buckets a role may use.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Role } from "../../../../lib/auth/roles";
import type { BucketRightsOf } from "./check-statement";

export type SandboxOptions = {
  /** The lake's folder (a real path: symbolic links resolved), or null for no files at all. */
  lakeDir: string | null;
  bucketRights: (role: Role) => BucketRightsOf;
  /** DuckDB's memory limit for all queries together, e.g. "2GB". */
  memoryLimit?: string;
  /** Where DuckDB spills to disk; outside the lake, so no statement can read it. */
  tempDir?: string;
};

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Settings given when the instance is created. */
export function instanceSettings(options: SandboxOptions | undefined): Record<string, string> {
  return {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
    allow_community_extensions: "false",
    ...(options?.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options?.tempDir ? { temp_directory: options.tempDir } : {}),
  };
}

/** Closes file and network access down to the lake, then locks every setting for good. */
export async function lockInstance(conn: DuckDBConnection, options: SandboxOptions | undefined): Promise<void> {
  const allowed = options?.lakeDir ? [`${options.lakeDir.replace(/\/+$/, "")}/`] : [];
  await conn.run(`SET allowed_directories = [${allowed.map(sqlString).join(", ")}]`);
  await conn.run("SET enable_external_access = false");
  await conn.run("SET lock_configuration = true");
}

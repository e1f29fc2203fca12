// Fixtures of the profile tests: a small DuckDB engine (with the portal's sandbox) whose tables
// have figures known in advance, and tRPC callers per role.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDbEngine } from "../../engines/duckdb/duckdb-engine";
import { createCallerFactory, createTRPCRouter } from "../../api/trpc";
import { catalogRouter } from "../../api/routers/catalog/router";
import { hashPassword } from "../../auth/password";
import type { CurrentUser } from "../../auth/current-user";
import type { Db } from "../../db/client";
import type { Role } from "../../../lib/auth/roles";

export async function createProfileLake(): Promise<{ engine: DuckDbEngine; run(sql: string): Promise<void>; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "profile-lake-"));
  const lake = path.join(dir, "lake");
  mkdirSync(lake, { recursive: true });
  const engine = await DuckDbEngine.create({
    path: path.join(dir, "lab.duckdb"),
    id: "duckdb",
    label: "DuckDB lab",
    settings: { threads: "2" },
    sandbox: { lakeDir: realpathSync(lake), bucketRights: () => () => ({ read: true, write: true, visible: true }) },
  });
  const run = async (sql: string) => {
    const c = await engine.connect();
    try {
      await c.run(sql);
    } finally {
      c.disconnectSync();
    }
  };
  return {
    engine,
    run,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const caller = createCallerFactory(createTRPCRouter({ catalog: catalogRouter }));

export async function createUsers(db: Db): Promise<Record<Role, CurrentUser>> {
  const users = {} as Record<Role, CurrentUser>;
  for (const role of ["viewer", "editor", "admin"] as const) {
    users[role] = await db.user.create({
      data: { email: `${role}@example.com`, name: role, role, passwordHash: await hashPassword("a long password") },
      select: { id: true, email: true, name: true, role: true },
    });
  }
  return users;
}

export const catalogAs = (db: Db, user: CurrentUser | null) => caller({ user, ip: "203.0.113.9", db }).catalog;

// The settings this process uses, held in memory so synchronous callers (rightsOf, the upload
// limit, the workbench's time limit) read them without a query. Every replica watches
// settings_revision (server/config/revision-watch.ts): a change saved on any replica bumps it in
// the same transaction, and each replica re-reads the rows within one poll (2 s by default); the
// replica that saved re-reads at once. A stored value that no longer passes its definition's
// schema (a rule tightened since it was saved) is left out, with a log line: its default applies.
import { readRevisionRow, watchRevision, type RevisionWatch } from "../config/revision-watch";
import { sqlPoolOf, type Db } from "../db/client";
import { logger } from "../logger";
import { definitionOf, isSettingKey } from "../../lib/settings/definitions";
import type { SettingsSnapshot, StoredSetting } from "./snapshot-slot";

export { setSettingsSnapshot, settingsSnapshot, type SettingsSnapshot, type StoredSetting } from "./snapshot-slot";

type Row = { key: string; value: unknown; version: number; updated_at: Date | string; updated_by: string | null };

/** One simple-protocol statement when a pool is at hand (safe beside other sessions on PGlite). */
async function readRows(db: Db): Promise<Row[]> {
  const sql = "SELECT key, value, version, updated_at, updated_by FROM admin_settings";
  const pool = sqlPoolOf(db);
  if (pool) return (await pool.query<Row>(sql)).rows;
  return db.$queryRawUnsafe<Row[]>(sql);
}

async function readRevision(db: Db): Promise<bigint | null> {
  const pool = sqlPoolOf(db);
  if (!pool) return readRevisionRow(db, "settings_revision");
  const { rows } = await pool.query<{ revision: string }>("SELECT revision::text AS revision FROM settings_revision WHERE id = 1");
  return rows[0] ? BigInt(rows[0].revision) : null;
}

/** Parses each row by its definition; unknown keys and refused values are left out. */
export function storedSettingsOf(rows: Row[]): Map<string, StoredSetting> {
  const values = new Map<string, StoredSetting>();
  for (const row of rows) {
    if (!isSettingKey(row.key)) continue; // a setting a newer or older portal knows
    const parsed = definitionOf(row.key).schema.safeParse(row.value);
    if (!parsed.success) {
      logger.warn({ setting: row.key, problem: parsed.error.issues[0]?.message }, "a stored setting is not valid any more; its default applies");
      continue;
    }
    values.set(row.key, { value: parsed.data, version: row.version, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by });
  }
  return values;
}

export function startSettingsSnapshot(options: { db: Db; intervalMs?: number }): SettingsSnapshot {
  let values = new Map<string, StoredSetting>();
  const listeners = new Set<(revision: bigint) => void>();
  const watch: RevisionWatch = watchRevision({
    name: "settings",
    read: () => readRevision(options.db),
    intervalMs: options.intervalMs,
    onChange: async (revision, { initial }) => {
      values = storedSettingsOf(await readRows(options.db));
      if (initial) return;
      logger.info({ revision: String(revision) }, "settings changed; applied");
      for (const listener of listeners) listener(revision);
    },
  });
  return {
    ready: watch.ready,
    refresh: () => watch.check(),
    stored: (key) => values.get(key),
    revision: () => watch.revision(),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => watch.stop(),
  };
}

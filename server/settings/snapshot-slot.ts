// Where the rest of the portal finds this process's settings snapshot (./snapshot.ts), without
// importing the watcher: synchronous readers (server/storage/access.ts, through ./effective.ts) stay
// free of the database and logger modules, which read the configuration when they load.
import { processSlot } from "../process-slot";

export type StoredSetting = { value: unknown; version: number; updatedAt: Date; updatedBy: string | null };

export type SettingsSnapshot = {
  /** Resolves after the first read of the stored settings (applied or not); never rejects. */
  ready: Promise<void>;
  /** Re-read now (this process just saved a setting); resolves when applied. */
  refresh: () => Promise<void>;
  /** The stored, valid value of `key`, or undefined (no row, or a row its schema refuses). */
  stored: (key: string) => StoredSetting | undefined;
  /** The settings_revision this snapshot holds, or null before the first read. */
  revision: () => bigint | null;
  /** Called after each applied change (not the first read); answers the unsubscribe. */
  onChange: (listener: (revision: bigint) => void) => () => void;
  stop: () => Promise<void>;
};

const slot = processSlot<SettingsSnapshot>("settings-snapshot");

/** This process's snapshot (null before the launcher starts it, and in tests that start none). */
export function settingsSnapshot(): SettingsSnapshot | null {
  return slot.value ?? null;
}

export function setSettingsSnapshot(value: SettingsSnapshot | undefined): void {
  slot.value = value;
}

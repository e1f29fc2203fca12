// The value of a setting this process uses: the environment variable when it is set (locked) ›
// the stored value (this process's snapshot) › the registry's default. Synchronous, so callers
// that cannot wait (rightsOf in the DuckDB sandbox) read it the same way as the others.
import { getConfig, type PortalConfig } from "../config/env";
import { definitionOf, type SettingKey, type SettingValue } from "../../lib/settings/definitions";
import { settingsSnapshot, type SettingsSnapshot, type StoredSetting } from "./snapshot-slot";

export type SettingSource = "env" | "stored" | "default";

/** True when the setting's variable is set in this process's environment. */
export function isLocked(key: SettingKey, config: PortalConfig = getConfig()): boolean {
  const env = definitionOf(key).env;
  return env !== undefined && (config.setVariables?.has(env) ?? false);
}

function envValue(key: SettingKey, config: PortalConfig): unknown {
  return (config as unknown as Record<string, unknown>)[definitionOf(key).env!];
}

/** Value and where it came from, given what is stored (a snapshot's entry or a database row). */
export function resolveSetting(key: SettingKey, stored: Pick<StoredSetting, "value"> | undefined, config: PortalConfig = getConfig()): { value: unknown; source: SettingSource } {
  if (isLocked(key, config)) return { value: envValue(key, config), source: "env" };
  if (stored) return { value: stored.value, source: "stored" };
  return { value: definitionOf(key).default, source: "default" };
}

/** What this process uses for `key` now (`config`: of a component built from another configuration). */
export function settingValue<K extends SettingKey>(key: K, snapshot: SettingsSnapshot | null = settingsSnapshot(), config: PortalConfig = getConfig()): SettingValue<K> {
  return resolveSetting(key, snapshot?.stored(key), config).value as SettingValue<K>;
}

// Inputs of the settings operations (settings.*); each handler's input is the z.infer of one. The
// value itself is validated by the setting's own schema in the handler (it depends on the key).
import { z } from "zod";
import { SETTING_KEYS, type SettingKey } from "../../lib/settings/definitions";

const settingKey = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]], "is not a setting of this portal");
/** The version the admin read: 0 when the setting had no stored value. */
const version = z.number("must be the version you read").int().min(0);

export const updateSettingInput = z.object({ key: settingKey, value: z.unknown(), version });
export type UpdateSettingInput = z.infer<typeof updateSettingInput>;

export const resetSettingInput = z.object({ key: settingKey, version });
export type ResetSettingInput = z.infer<typeof resetSettingInput>;

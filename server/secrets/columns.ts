// Every database column that holds stored secrets (text made by encryptSecret, or a Vault
// reference). The key rotation (./rotate.ts) and the start-up check (./startup.ts) read this
// list, so a module that stores a secret adds its column here — otherwise rotation would leave
// it behind, encrypted with a key that no longer exists (Superset's #37842).
export type SecretColumn = {
  /** Table name as in the database (the model's @@map). */
  table: string;
  /** Its primary-key column. */
  id: string;
  /** The text column holding the stored secret (null/empty: no secret). */
  column: string;
};

export const SECRET_COLUMNS: readonly SecretColumn[] = [
  { table: "connections", id: "id", column: "secret" },
  { table: "sso_settings", id: "id", column: "client_secret" },
  { table: "alert_channels", id: "id", column: "secret" },
];

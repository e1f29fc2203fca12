// Every action the portal writes to the audit log, grouped for the filter of Admin › Audit log and
// for the export. No imports: the page (client code) and server/audit share it. An action written by code
// that is not listed here still shows and exports; only the filter cannot pick it alone (a test in
// server/audit/audit-log.test.ts checks the list against the code's audit calls).
export type AuditActionGroup = { id: string; label: string; actions: { value: string; label: string }[] };

export const AUDIT_ACTION_GROUPS: AuditActionGroup[] = [
  {
    id: "auth",
    label: "Sign-ins",
    actions: [
      { value: "auth.sign_in", label: "Sign-in attempts" },
      { value: "auth.sign_out", label: "Sign-outs" },
    ],
  },
  {
    id: "access",
    label: "Refused requests",
    actions: [{ value: "api.refused", label: "Request refused (missing right)" }],
  },
  {
    id: "user",
    label: "Users",
    actions: [
      { value: "user.created", label: "User created" },
      { value: "user.role_changed", label: "Role changed" },
      { value: "user.role_kept", label: "Role kept (last admin)" },
      { value: "user.disabled", label: "User disabled" },
      { value: "user.enabled", label: "User enabled" },
      { value: "user.password_reset", label: "Password reset" },
      { value: "user.unlocked", label: "Sign-in lock lifted" },
    ],
  },
  {
    id: "team",
    label: "Teams",
    actions: [
      { value: "team.created", label: "Team created" },
      { value: "team.updated", label: "Team renamed or described" },
      { value: "team.deleted", label: "Team deleted" },
      { value: "team.member_added", label: "Member added" },
      { value: "team.member_removed", label: "Member removed" },
      { value: "team.synced", label: "Memberships synced at sign-in" },
      { value: "team.sync_settings_changed", label: "Team sync settings changed" },
    ],
  },
  {
    id: "token",
    label: "API tokens",
    actions: [
      { value: "token.created", label: "Token created" },
      { value: "token.revoked", label: "Token revoked" },
      { value: "token.refused", label: "Token refused" },
    ],
  },
  {
    id: "settings",
    label: "Settings and connections",
    actions: [
      { value: "sso.settings_changed", label: "Single sign-on changed" },
      { value: "connection.created", label: "Connection created" },
      { value: "connection.updated", label: "Connection changed" },
      { value: "connection.deleted", label: "Connection deleted" },
      { value: "connection.tested", label: "Connection tested" },
      { value: "secrets.rotated", label: "Encryption key rotated" },
      { value: "setting.updated", label: "Portal setting changed" },
      { value: "setting.reset", label: "Portal setting reset to default" },
      { value: "audit.exported", label: "Audit log exported" },
      { value: "audit.swept", label: "Old audit events removed" },
    ],
  },
  {
    id: "catalog",
    label: "Catalog",
    actions: [
      { value: "catalog.description_changed", label: "Description changed" },
      { value: "catalog.column_description_changed", label: "Column description changed" },
      { value: "catalog.owners_changed", label: "Owners changed" },
      { value: "catalog.tags_changed", label: "Tags changed" },
      { value: "catalog.glossary_terms_changed", label: "Glossary terms changed" },
      { value: "catalog.freshness_changed", label: "Freshness changed" },
      { value: "catalog.crawl_started", label: "Crawl started" },
    ],
  },
  {
    id: "sql",
    label: "SQL and storage",
    actions: [
      { value: "sql.executed", label: "Statement that writes" },
      { value: "sql.refused", label: "Statement refused" },
      { value: "sql.query_saved", label: "Query saved" },
      { value: "sql.query_updated", label: "Saved query changed" },
      { value: "sql.query_deleted", label: "Saved query deleted" },
      { value: "storage.uploaded", label: "Upload" },
      { value: "storage.deleted", label: "Deletion" },
      { value: "storage.folder_created", label: "Folder created" },
    ],
  },
  {
    id: "pipelines",
    label: "Pipelines",
    actions: [
      { value: "airflow.dag_run_triggered", label: "DAG run triggered" },
      { value: "airflow.task_cleared", label: "Task cleared" },
    ],
  },
  {
    id: "alerts",
    label: "Alerts",
    actions: [
      { value: "alerts.rule_created", label: "Rule created" },
      { value: "alerts.rule_updated", label: "Rule changed" },
      { value: "alerts.rule_deleted", label: "Rule deleted" },
      { value: "alerts.channel_created", label: "Channel created" },
      { value: "alerts.channel_updated", label: "Channel changed" },
      { value: "alerts.channel_deleted", label: "Channel deleted" },
      { value: "alerts.channel_tested", label: "Channel tested" },
      { value: "alerts.owners_notified", label: "Owners notified" },
    ],
  },
];

export const KNOWN_AUDIT_ACTIONS: readonly string[] = AUDIT_ACTION_GROUPS.flatMap((g) => g.actions.map((a) => a.value));

/** The actions a filter value stands for: a group id (`group:team`) or one action. */
export function actionsOfFilter(value: string): string[] {
  if (value.startsWith("group:")) return AUDIT_ACTION_GROUPS.find((g) => g.id === value.slice("group:".length))?.actions.map((a) => a.value) ?? [];
  return [value];
}

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;

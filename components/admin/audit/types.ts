import type { RouterInputs, RouterOutputs } from "@/server/api/root";

export type AuditRow = RouterOutputs["audit"]["list"]["events"][number];
export type AuditListInput = RouterInputs["audit"]["list"];

export const AUDIT_PAGE_SIZE = 50;

/** Known actions, offered as suggestions; the filter matches any prefix ("user." = all user changes). */
export const KNOWN_ACTIONS: { value: string; label: string }[] = [
  { value: "auth.", label: "Sign-ins and sign-outs" },
  { value: "auth.sign_in", label: "Sign-in attempts" },
  { value: "auth.sign_out", label: "Sign-outs" },
  { value: "user.", label: "All user changes" },
  { value: "user.created", label: "Users created" },
  { value: "user.role_changed", label: "Role changes" },
  { value: "user.disabled", label: "Users disabled" },
  { value: "user.enabled", label: "Users enabled" },
  { value: "user.password_reset", label: "Password resets" },
];

export function auditListInput(filters: { action: string; subject: string; page: number }): AuditListInput {
  return {
    page: filters.page,
    pageSize: AUDIT_PAGE_SIZE,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.subject ? { subject: filters.subject } : {}),
  };
}

import type { RouterInputs, RouterOutputs } from "@/server/api/root";

export type SsoSettingsView = RouterOutputs["sso"]["settings"];
export type SsoRule = SsoSettingsView["rules"][number];
export type RuleDecision = RouterOutputs["sso"]["tryClaims"];
export type SsoUpdateInput = RouterInputs["sso"]["update"];

export const OPERATOR_LABELS: Record<SsoRule["operator"], string> = { contains: "contains", equals: "equals", domain: "is an e-mail at domain" };
export const OUTCOME_LABELS: Record<SsoRule["outcome"], string> = { admin: "Admin", editor: "Editor", viewer: "Viewer", refuse: "Refuse sign-in" };

// The rows the token pages show, as the tokens.* procedures return them.
import type { RouterOutputs } from "@/server/api/root";

export type TokenRow = RouterOutputs["tokens"]["list"][number];
export type AdminTokenRow = RouterOutputs["tokens"]["all"]["tokens"][number];
export type CreatedToken = RouterOutputs["tokens"]["create"];

export const ADMIN_TOKENS_PAGE_SIZE = 50;

/** The admin overview's query input, the same on the server's prefetch and in the browser. */
export function adminTokensInput(owner: string, page: number) {
  return { ...(owner ? { owner } : {}), page, pageSize: ADMIN_TOKENS_PAGE_SIZE };
}

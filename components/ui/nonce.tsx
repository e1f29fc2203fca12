"use client";
// The per-response CSP nonce (server/http/edge/security-headers.ts), for the few components that
// render an inline script during server rendering (LocalTime). The root layout provides it.
import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export function NonceProvider({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

// A real OpenID Provider (oidc-provider, certified) on loopback for e2e/sso.spec.ts: one
// confidential client for the portal, accounts whose claims a test may change between sign-ins,
// and the library's own login and consent pages (any password is accepted for a known login).
import http from "node:http";
import type { AddressInfo } from "node:net";
// oidc-provider ships no type declarations; the few parts used here are typed below.
// @ts-expect-error -- untyped package (see above)
import ProviderModule from "oidc-provider";

export type TestAccount = { email: string; name: string; groups: string[]; emailVerified?: boolean };

type ProviderInstance = { callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void };
const Provider = ProviderModule as new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export type LoopbackProvider = { issuer: string; clientId: string; clientSecret: string; accounts: Map<string, TestAccount>; close(): Promise<void> };

export async function startLoopbackProvider(redirectUri: string, accounts: Record<string, TestAccount>): Promise<LoopbackProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "lakehouse-portal";
  const clientSecret = "loopback-client-secret-for-e2e-only";
  const table = new Map(Object.entries(accounts));
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    // The groups scope releases the groups claim; claims go into the ID token, which the portal reads.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["loopback-cookie-key-e2e"] },
    async findAccount(_ctx: unknown, id: string) {
      const account = table.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const current = table.get(id)!;
          return { sub: id, email: current.email, email_verified: current.emailVerified ?? true, name: current.name, groups: current.groups };
        },
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts: table,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// An in-process HTTP server that answers like HashiCorp Vault for the parts the portal uses:
// KV v2 reads (GET /v1/<mount>/data/<path>, X-Vault-Token, answer {data:{data,metadata}}), the
// Kubernetes auth login (POST /v1/auth/<mount>/login {role, jwt} → {auth:{client_token,
// lease_duration}}), and Vault's error shape ({errors:[…]} with 400/403/404). For tests.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeVault = {
  url: string;
  /** KV v2 secrets by "<mount>/<path>". */
  secrets: Map<string, Record<string, unknown>>;
  /** Tokens Vault accepts (VAULT_TOKEN, or issued by a login). */
  tokens: Set<string>;
  /** Kubernetes auth: service-account JWTs that may log in, by role. */
  kubernetes: { mount: string; roles: Map<string, string> };
  logins: number;
  close(): Promise<void>;
};

export async function startFakeVault(options: { kvMounts?: string[]; leaseSeconds?: number } = {}): Promise<FakeVault> {
  const kvMounts = new Set(options.kvMounts ?? ["secret"]);
  const state = {
    secrets: new Map<string, Record<string, unknown>>(),
    tokens: new Set<string>(),
    kubernetes: { mount: "kubernetes", roles: new Map<string, string>() },
    logins: 0,
  };
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://vault");
      const login = new RegExp(`^/v1/auth/${state.kubernetes.mount}/login$`).exec(url.pathname);
      if (login && req.method === "POST") {
        let body: { role?: string; jwt?: string } = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
        } catch {
          return send(res, 400, { errors: ["failed to parse JSON input"] });
        }
        if (!body.role) return send(res, 400, { errors: ["missing role"] });
        if (!body.jwt) return send(res, 400, { errors: ["missing jwt"] });
        if (state.kubernetes.roles.get(body.role) !== body.jwt) return send(res, 403, { errors: ["permission denied"] });
        const token = `hvs.${randomUUID()}`;
        state.tokens.add(token);
        state.logins++;
        return send(res, 200, { auth: { client_token: token, lease_duration: options.leaseSeconds ?? 3600, renewable: true, policies: ["default"] } });
      }
      const read = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(url.pathname);
      if (read && req.method === "GET") {
        const token = req.headers["x-vault-token"];
        if (typeof token !== "string" || !state.tokens.has(token)) return send(res, 403, { errors: ["permission denied"] });
        if (!kvMounts.has(read[1]!)) return send(res, 404, { errors: [] });
        const data = state.secrets.get(`${read[1]}/${decodeURIComponent(read[2]!)}`);
        if (!data) return send(res, 404, { errors: [] });
        return send(res, 200, {
          request_id: randomUUID(),
          lease_id: "",
          renewable: false,
          lease_duration: 0,
          data: { data, metadata: { created_time: new Date().toISOString(), custom_metadata: null, deletion_time: "", destroyed: false, version: 1 } },
          wrap_info: null,
          warnings: null,
          auth: null,
        });
      }
      send(res, 404, { errors: [] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    get logins() {
      return state.logins;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// HashiCorp Vault as a place for secrets: a stored value `vault:<mount>/<path>#<key>` means
// "field <key> of the KV v2 secret <path> in the engine mounted at <mount>", read over Vault's
// HTTP API (GET /v1/<mount>/data/<path> with X-Vault-Token; the answer's data.data holds the
// fields). The token is VAULT_TOKEN, or one obtained with Kubernetes auth
// (POST /v1/auth/<auth mount>/login {role, jwt} with the pod's service-account token) and kept
// until its lease is nearly over. Values are read when used, never copied into the database.
import { readFileSync } from "node:fs";
import { processSlot } from "../process-slot";

export type VaultAuth = { kind: "token"; token: string } | { kind: "kubernetes"; role: string; mount: string; jwt: () => string };

export type VaultOptions = {
  /** e.g. https://vault.example.com:8200 */
  addr: string;
  auth: VaultAuth;
  timeoutMs?: number;
  /** Enterprise namespace (X-Vault-Namespace), optional. */
  namespace?: string;
};

export type VaultReference = { mount: string; path: string; key: string };

const REFERENCE = /^vault:([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*?)\/([A-Za-z0-9_.\-/]+)#([A-Za-z0-9_.-]+)$/;

/** True for a `vault:` reference (well formed or not). */
export function isVaultReference(stored: string): boolean {
  return stored.startsWith("vault:");
}

/** Parses `vault:<mount>/<path>#<key>` (the mount is the first path segment); null when malformed. */
export function parseVaultReference(text: string): VaultReference | null {
  const match = REFERENCE.exec(text.trim());
  if (!match) return null;
  const [, mount, secretPath, key] = match;
  if (secretPath!.split("/").some((part) => part === "" || part === "." || part === "..")) return null;
  return { mount: mount!, path: secretPath!, key: key! };
}

export const VAULT_REFERENCE_HINT = "vault:<mount>/<path>#<key>, e.g. vault:secret/portal/trino#password";

/** Vault could not give the value; the message names what failed, never a secret. */
export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VaultError";
  }
}

export class VaultClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly options: VaultOptions) {}

  /** The value of one field of a KV v2 secret. */
  async read(reference: VaultReference): Promise<string> {
    const url = `${this.base()}/v1/${reference.mount}/data/${reference.path.split("/").map(encodeURIComponent).join("/")}`;
    let res = await this.request(url, { method: "GET", headers: await this.headers() });
    if (res.status === 403 && this.options.auth.kind === "kubernetes") {
      this.token = null; // revoked or expired early: log in once more
      res = await this.request(url, { method: "GET", headers: await this.headers() });
    }
    const where = `${reference.mount}/${reference.path}`;
    if (res.status === 404) throw new VaultError(`Vault has no secret ${where} (or it was deleted).`);
    if (res.status === 403) throw new VaultError(`Vault refused to read ${where}: permission denied for the portal's token.`);
    if (!res.ok) throw new VaultError(`Vault answered ${res.status} reading ${where}${await errorsOf(res)}.`);
    const body = (await res.json().catch(() => null)) as { data?: { data?: Record<string, unknown> | null } } | null;
    const value = body?.data?.data?.[reference.key];
    if (body?.data?.data === undefined) throw new VaultError(`Vault's answer for ${where} is not a KV version 2 secret (is ${reference.mount} a KV v2 mount?).`);
    if (typeof value !== "string") throw new VaultError(`The Vault secret ${where} has no text field “${reference.key}”.`);
    return value;
  }

  private base(): string {
    return this.options.addr.replace(/\/+$/, "");
  }

  private async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { "X-Vault-Token": await this.clientToken() };
    if (this.options.namespace) headers["X-Vault-Namespace"] = this.options.namespace;
    return headers;
  }

  private async clientToken(): Promise<string> {
    const auth = this.options.auth;
    if (auth.kind === "token") return auth.token;
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    let jwt: string;
    try {
      jwt = auth.jwt().trim();
    } catch (err) {
      throw new VaultError(`Cannot read the Kubernetes service-account token for Vault: ${(err as Error).message}`);
    }
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.namespace) headers["X-Vault-Namespace"] = this.options.namespace;
    const res = await this.request(`${this.base()}/v1/auth/${auth.mount}/login`, { method: "POST", headers, body: JSON.stringify({ role: auth.role, jwt }) });
    if (!res.ok) throw new VaultError(`Vault's Kubernetes login (role ${auth.role}) failed with ${res.status}${await errorsOf(res)}.`);
    const body = (await res.json().catch(() => null)) as { auth?: { client_token?: string; lease_duration?: number } } | null;
    const value = body?.auth?.client_token;
    if (!value) throw new VaultError("Vault's Kubernetes login answered without a client token.");
    // Renew a little before the lease ends (a lease of 0 means no expiry).
    const lease = body.auth?.lease_duration ?? 0;
    this.token = { value, expiresAt: lease > 0 ? Date.now() + Math.max(1, lease - Math.min(60, lease / 10)) * 1000 : Number.POSITIVE_INFINITY };
    return value;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      if ((err as Error).name === "TimeoutError") throw new VaultError(`Vault at ${this.base()} did not answer within ${timeoutMs / 1000} s.`);
      throw new VaultError(`Cannot reach Vault at ${this.base()}: ${cause?.code ?? cause?.message ?? (err as Error).message}.`);
    }
  }
}

async function errorsOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { errors?: unknown } | null;
  const errors = Array.isArray(body?.errors) ? body.errors.filter((e): e is string => typeof e === "string") : [];
  return errors.length ? `: ${errors.join("; ").slice(0, 300)}` : "";
}

/** The Vault options from configuration, or null when VAULT_ADDR is unset. */
export function vaultOptionsOf(config: {
  VAULT_ADDR?: string;
  VAULT_TOKEN?: string;
  VAULT_KUBERNETES_ROLE?: string;
  VAULT_KUBERNETES_MOUNT: string;
  VAULT_KUBERNETES_TOKEN_FILE: string;
  VAULT_NAMESPACE?: string;
}): VaultOptions | null {
  if (!config.VAULT_ADDR) return null;
  const tokenFile = config.VAULT_KUBERNETES_TOKEN_FILE;
  const auth: VaultAuth = config.VAULT_KUBERNETES_ROLE
    ? { kind: "kubernetes", role: config.VAULT_KUBERNETES_ROLE, mount: config.VAULT_KUBERNETES_MOUNT, jwt: () => readFileSync(tokenFile, "utf8") }
    : { kind: "token", token: config.VAULT_TOKEN ?? "" };
  return { addr: config.VAULT_ADDR, auth, namespace: config.VAULT_NAMESPACE };
}

const shared = processSlot<VaultClient | null>("vaultClient");

/** Installs the process's Vault client (the launcher from configuration; tests their own server). */
export function setVaultClient(client: VaultClient | null | undefined): void {
  shared.value = client ?? undefined;
}

export function currentVaultClient(): VaultClient | null {
  return shared.value ?? null;
}

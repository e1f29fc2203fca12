// Test a connection with the values on screen, saved or not. A kept secret ("leave unchanged")
// is read from the database and decrypted (or fetched from Vault) here — never a mask. Each step
// reports what it did and, on failure, a message that says what failed and where (DNS, refused,
// timeout, TLS, credentials); never a stack trace or a secret.
import http from "node:http";
import https from "node:https";
import { ListBucketsCommand, HeadBucketCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { DomainError } from "../errors";
import type { HandlerArgs } from "../handler";
import { recordAudit } from "../audit/audit";
import { isVaultReference, resolveSecret, SecretDecryptError, VaultError } from "../secrets";
import { storedSecretFor, testSubjectOf } from "./connections";
import type { AirflowSettingsInput, S3Settings, TestConnectionInput, TrinoSettings } from "./schemas";
import { probeAirflow } from "../orchestrators/airflow/probe";
import type { AirflowAuth } from "../orchestrators/airflow/adapter";

export type ProbeStep = { step: string; ok: boolean; message: string };
export type ProbeResult = { ok: boolean; steps: ProbeStep[] };

export const PROBE_TIMEOUT_MS = 8_000;
const MAX_BUCKETS_HEADED = 20;

/** Network-level failure of `url`, in words. */
export function describeNetworkError(err: unknown, where: string, timeoutMs: number): string {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `DNS: the host of ${where} cannot be resolved.`;
  if (code === "ECONNREFUSED") return `Connection refused by ${where}: nothing listens there.`;
  if (code === "ECONNRESET" || code === "EPIPE") return `${where} closed the connection.`;
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return `${where} is unreachable from the portal (no route to host).`;
  if (e.name === "TimeoutError" || code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" || e.name === "TimeoutErr")
    return `Timed out: ${where} did not answer within ${timeoutMs / 1000} s.`;
  if (/CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return `TLS: the certificate of ${where} is not trusted (${code}). Add its CA certificate.`;
  if (/wrong version number|EPROTO/.test(e.message ?? "") || code === "EPROTO") return `TLS: ${where} does not speak HTTPS on this port.`;
  return `Cannot reach ${where}${code ? ` (${code})` : ""}.`;
}

async function secretFor(ctx: HandlerArgs<TestConnectionInput>["ctx"], input: TestConnectionInput): Promise<string | null> {
  let stored: string | null;
  if (!input.secret) return null;
  if ("keep" in input.secret) {
    if (!input.id) return null;
    stored = await storedSecretFor(ctx.db, input.id);
    if (stored === null) return null;
  } else {
    if (input.secret.value === "") return null;
    if (!isVaultReference(input.secret.value)) return input.secret.value;
    stored = input.secret.value.trim();
  }
  return resolveSecret(stored);
}

export async function testConnection(args: HandlerArgs<TestConnectionInput>): Promise<ProbeResult> {
  const { ctx, input } = args;
  let result: ProbeResult;
  let secret: string | null = null;
  let secretProblem: string | null = null;
  try {
    secret = await secretFor(ctx, input);
  } catch (err) {
    if (err instanceof VaultError) secretProblem = err.message;
    else if (err instanceof SecretDecryptError) secretProblem = `The stored secret cannot be decrypted: ${err.message}`;
    else if (err instanceof DomainError) throw err;
    else throw err;
  }
  if (secretProblem) result = { ok: false, steps: [{ step: "Read the secret", ok: false, message: secretProblem }] };
  else if (input.kind === "trino") result = await probeTrino(input.settings, secret, ctx.user.email);
  else if (input.kind === "airflow") result = await probeAirflowSettings(input.settings, secret);
  else result = await probeS3(input.settings, secret);
  await recordAudit(ctx.db, {
    actor: ctx.user,
    action: "connection.tested",
    subject: input.id ? testSubjectOf(input.id) : `unsaved ${input.kind} connection`,
    outcome: result.ok ? "success" : "failure",
    ip: ctx.ip,
    details: { kind: input.kind, steps: result.steps.map((s) => ({ step: s.step, ok: s.ok })), secret: !input.secret || "keep" in input.secret ? "stored" : "typed" },
  });
  return result;
}

// ─── Airflow (the adapter's own probe: server/orchestrators/airflow/probe.ts) ─────────────────

/** The adapter's credentials from a connection's settings and secret, or what is missing. */
export function airflowAuthOf(settings: AirflowSettingsInput, secret: string | null): { auth: AirflowAuth } | { error: string } {
  if (settings.auth !== "none" && !secret) return { error: settings.auth === "basic" ? "Basic authentication needs a password." : "Token authentication needs a token." };
  if (settings.auth === "basic" && !settings.user) return { error: "Basic authentication needs a user." };
  if (settings.auth === "basic") return { auth: { kind: "basic", username: settings.user, password: secret! } };
  if (settings.auth === "token") return { auth: { kind: "token", token: secret! } };
  return { auth: { kind: "none" } };
}

export async function probeAirflowSettings(settings: AirflowSettingsInput, secret: string | null): Promise<ProbeResult> {
  const made = airflowAuthOf(settings, secret);
  if ("error" in made) return { ok: false, steps: [{ step: "Credentials", ok: false, message: made.error }] };
  return probeAirflow({ url: settings.url, auth: made.auth });
}

// ─── S3 ───────────────────────────────────────────────────────────────────────────────────────

export async function probeS3(settings: S3Settings, secretAccessKey: string | null, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const where = new URL(settings.endpoint).host;
  if (Boolean(settings.accessKeyId) !== Boolean(secretAccessKey))
    return {
      ok: false,
      steps: [{ step: "Credentials", ok: false, message: settings.accessKeyId ? "An access key id needs its secret access key." : "A secret access key needs its access key id." }],
    };
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.pathStyle,
    credentials: settings.accessKeyId && secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey } : undefined,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
  });
  const steps: ProbeStep[] = [];
  try {
    let names: string[];
    try {
      const out = await client.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
      names = (out.Buckets ?? []).map((b) => b.Name).filter((n): n is string => Boolean(n));
      steps.push({
        step: "List buckets",
        ok: true,
        message: names.length ? `${names.length} bucket(s): ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""}` : "No buckets.",
      });
    } catch (err) {
      steps.push({ step: "List buckets", ok: false, message: s3Message(err, where, timeoutMs) });
      return { ok: false, steps };
    }
    for (const name of names.slice(0, MAX_BUCKETS_HEADED)) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: name }), { abortSignal: AbortSignal.timeout(timeoutMs) });
        steps.push({ step: `Head bucket ${name}`, ok: true, message: "Reachable." });
      } catch (err) {
        steps.push({ step: `Head bucket ${name}`, ok: false, message: s3Message(err, `${where}/${name}`, timeoutMs) });
      }
    }
    return { ok: steps.every((s) => s.ok), steps };
  } finally {
    client.destroy();
  }
}

function s3Message(err: unknown, where: string, timeoutMs: number): string {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    if (["InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"].includes(err.name))
      return `Credentials refused by ${where}: ${err.name} (check the access key id and secret).`;
    if (err.name === "AccessDenied" || status === 403) return `Access denied by ${where}: these credentials may not do this.`;
    if (err.name === "NoSuchBucket" || status === 404) return `${where} does not exist.`;
    return `${where} answered ${status ?? "an error"}${err.name ? ` (${err.name})` : ""}.`;
  }
  if ((err as Error).name === "CredentialsProviderError") return "No credentials: give an access key id and secret access key.";
  if ((err as Error).name === "AbortError") return `Timed out: ${where} did not answer within ${timeoutMs / 1000} s.`;
  return describeNetworkError(err, where, timeoutMs);
}

// ─── Trino ────────────────────────────────────────────────────────────────────────────────────

type TrinoAnswer = { nextUri?: string; error?: { message?: string; errorName?: string } };

/** SELECT 1 through Trino's client protocol as `user` (the admin when impersonating). */
export async function probeTrino(settings: TrinoSettings, secret: string | null, adminEmail: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const base = new URL(settings.url);
  const where = base.host;
  if (settings.auth !== "none" && !secret)
    return {
      ok: false,
      steps: [{ step: "Credentials", ok: false, message: settings.auth === "basic" ? "Basic authentication needs a password." : "JWT authentication needs a token." }],
    };
  if (settings.auth === "basic" && !settings.user) return { ok: false, steps: [{ step: "Credentials", ok: false, message: "Basic authentication needs a user." }] };
  const headers: Record<string, string> = {
    "X-Trino-User": settings.impersonation || !settings.user ? adminEmail : settings.user,
    "X-Trino-Source": "lakehouse-portal connection test",
  };
  if (settings.catalog) headers["X-Trino-Catalog"] = settings.catalog;
  if (settings.schema) headers["X-Trino-Schema"] = settings.schema;
  if (settings.auth === "basic") headers.Authorization = `Basic ${Buffer.from(`${settings.user}:${secret}`).toString("base64")}`;
  if (settings.auth === "jwt") headers.Authorization = `Bearer ${secret}`;
  const agent = base.protocol === "https:" ? new https.Agent({ ...(settings.caCert ? { ca: settings.caCert } : {}) }) : undefined;
  const steps: ProbeStep[] = [];
  try {
    let answer: { status: number; body: string };
    try {
      answer = await request(new URL("/v1/statement", base), "POST", headers, "SELECT 1", agent, timeoutMs);
    } catch (err) {
      steps.push({ step: "Connect", ok: false, message: describeNetworkError(err, where, timeoutMs) });
      return { ok: false, steps };
    }
    steps.push({ step: "Connect", ok: true, message: `${where} answered.` });
    if (answer.status === 401) {
      steps.push({ step: "Authenticate", ok: false, message: `Credentials refused by ${where} (401).` });
      return { ok: false, steps };
    }
    if (answer.status === 403) {
      steps.push({ step: "Authenticate", ok: false, message: `${where} refused ${headers["X-Trino-User"]} (403): impersonation may not be allowed for this account.` });
      return { ok: false, steps };
    }
    if (answer.status !== 200) {
      steps.push({ step: "SELECT 1", ok: false, message: `${where} answered ${answer.status}; is this a Trino coordinator?` });
      return { ok: false, steps };
    }
    steps.push({ step: "Authenticate", ok: true, message: `Signed in as ${headers["X-Trino-User"]}.` });
    let doc = parseAnswer(answer.body);
    for (let polls = 0; doc && !doc.error && doc.nextUri && polls < 200; polls++) {
      const next = await request(new URL(doc.nextUri), "GET", headers, undefined, agent, timeoutMs).catch((err: unknown) => ({
        status: 0,
        body: describeNetworkError(err, where, timeoutMs),
      }));
      if (next.status !== 200) {
        steps.push({ step: "SELECT 1", ok: false, message: next.status === 0 ? next.body : `${where} answered ${next.status} while the query ran.` });
        return { ok: false, steps };
      }
      doc = parseAnswer(next.body);
    }
    if (!doc) steps.push({ step: "SELECT 1", ok: false, message: `${where} did not answer with Trino's protocol (not JSON); is this a Trino coordinator?` });
    else if (doc.error) steps.push({ step: "SELECT 1", ok: false, message: `Trino: ${(doc.error.message ?? doc.error.errorName ?? "the query failed").slice(0, 400)}` });
    else steps.push({ step: "SELECT 1", ok: true, message: "The query ran." });
    return { ok: steps.every((s) => s.ok), steps };
  } finally {
    agent?.destroy();
  }
}

function parseAnswer(body: string): TrinoAnswer | null {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === "object" ? (value as TrinoAnswer) : null;
  } catch {
    return null;
  }
}

function request(
  url: URL,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body: string | undefined,
  agent: https.Agent | undefined,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? https.request : http.request;
    const req = send(url, { method, headers: { ...headers, ...(body ? { "content-type": "text/plain" } : {}) }, ...(agent ? { agent } : {}), timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 1_000_000) chunks.push(chunk);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { name: "TimeoutError" })));
    req.on("error", reject);
    req.end(body);
  });
}

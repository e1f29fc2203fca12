// Every configuration value of the portal is read and validated here, once; nothing else reads
// process.env. A bad value stops start-up with a message that names the variable.
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../../lib/auth/password-rules";
import { parseResourceAttributes } from "../telemetry/resource-attributes";
// The value schemas shared with Admin › Settings (a stored value is validated by the same ones).
import {
  alertEvaluateSecondsSchema,
  auditRetentionDaysSchema,
  BUCKET_ACCESS_EXAMPLE,
  bucketRulesSchema,
  crawlIntervalMinutesSchema,
  DEFAULT_BUCKET_ACCESS,
  DEFAULT_TIME_LIMITS,
  MAX_TIME_LIMIT_SECONDS,
  resultMaxMbSchema,
  resultRetentionHoursSchema,
  sessionHoursSchema,
  timeLimitsSchema,
  uploadMaxMbSchema,
  type BucketRule,
  type TimeLimits,
} from "../../lib/settings/value-schemas";

export { BUCKET_ACCESS_LEVELS, DEFAULT_BUCKET_ACCESS, DEFAULT_TIME_LIMITS, type BucketAccessLevel, type BucketRule, type TimeLimits } from "../../lib/settings/value-schemas";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PORTAL_HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    PORTAL_DATA_DIR: z.string().trim().min(1).default("./.data"),
    PORTAL_ADMIN_EMAIL: optionalString.pipe(z.email("must be an e-mail address").optional()),
    PORTAL_ADMIN_PASSWORD: optionalString.pipe(z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).optional()),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_URL: optionalString.pipe(z.url("must be a URL such as https://portal.example.com").optional()),
    PORTAL_SESSION_HOURS: sessionHoursSchema.default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Graceful shutdown (server/lifecycle/drain.ts): how long running result streams and uploads
    // may go on after SIGTERM. The default fits Kubernetes' terminationGracePeriodSeconds of 30
    // with time left to close the engines and the database.
    PORTAL_SHUTDOWN_SECONDS: z.coerce
      .number("must be a number of seconds")
      .int("must be a whole number of seconds")
      .min(0, "must be 0 (stop at once) or more")
      .max(3_600, "must be at most 3600 (an hour)")
      .default(25),
    // Object storage (server/storage): without S3_ENDPOINT the portal serves a local folder
    // (<PORTAL_DATA_DIR>/lake); with it, any S3 API (MinIO, Ceph RGW, AWS S3).
    S3_ENDPOINT: optionalString.pipe(z.url("must be a URL such as http://minio:9000").optional()),
    /** Where browsers reach the object store, for presigned download URLs (defaults to S3_ENDPOINT). */
    S3_PUBLIC_ENDPOINT: optionalString.pipe(z.url("must be a URL such as https://s3.example.com").optional()),
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false", "1", "0"], "must be true or false")
      .default("true")
      .transform((v) => v === "true" || v === "1"),
    PORTAL_BUCKET_ACCESS: bucketAccessSchema(),
    // Trino (server/engines/trino): without TRINO_URL the portal offers no Trino engine. Queries
    // run as the signed-in portal user (X-Trino-User); TRINO_USER/TRINO_PASSWORD are the portal's
    // service account for HTTP basic authentication.
    TRINO_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as https://trino.example.com:8443" }).optional()),
    TRINO_CATALOG: optionalString,
    TRINO_SCHEMA: optionalString,
    TRINO_USER: optionalString,
    TRINO_PASSWORD: optionalString,
    /** PEM file of the CA that signed the coordinator's certificate (private PKI). */
    TRINO_CA_FILE: optionalString,
    /** Accept any certificate (test clusters only). */
    TRINO_TLS_INSECURE: z
      .enum(["true", "false", "1", "0"], "must be true or false")
      .default("false")
      .transform((v) => v === "true" || v === "1"),
    /** X-Trino-Source: how the portal's queries are labelled in Trino's UI and resource groups. */
    TRINO_SOURCE: z.string().trim().min(1, "must not be empty").default("lakehouse-portal"),
    // Dataset catalog (server/catalog): minutes between scheduled crawls of every engine; 0 turns
    // scheduled crawls off (editors can still start one from the catalog page).
    // SQL workbench results (server/sql/results): a finished result is kept in the object
    // store for this many hours, so downloads and re-opened tabs read it instead of running the
    // statement again; 0 keeps nothing (downloads then re-run the statement).
    SQL_RESULT_RETENTION_HOURS: resultRetentionHoursSchema.default(24),
    /** Seconds between sweeps of expired results (one replica sweeps at a time). */
    SQL_RESULT_SWEEP_SECONDS: z.coerce
      .number("must be a number of seconds")
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1")
      .max(86_400, "must be at most 86400 (a day)")
      .default(900),
    /** Results larger than this, as kept before compression (column pages, or JSON rows from Trino), are not kept. */
    SQL_RESULT_MAX_MB: resultMaxMbSchema.default(2_048),
    /** With S3_ENDPOINT: the bucket that keeps results (hidden from the bucket browser). Unset: results are not kept. */
    SQL_RESULT_BUCKET: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 characters: a-z, 0-9, dots, hyphens)")
        .optional(),
    ),
    // Limits per query (server/engines): how long a statement may run, by role, before it is
    // interrupted (DuckDB) or Trino stops it (session property query_max_execution_time); one
    // number applies to every role. And the embedded DuckDB's memory for all queries together.
    SQL_TIME_LIMIT_SECONDS: timeLimitSchema(),
    DUCKDB_MEMORY_LIMIT: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, "must be an amount such as 2GB or 512MiB")
      .default("2GB"),
    // The embedded PGlite's buffer pool (PostgreSQL's shared_buffers, in its WebAssembly memory;
    // server/db/embedded.ts). PostgreSQL's own units, which are case-sensitive.
    PGLITE_SHARED_BUFFERS: z
      .string()
      .trim()
      .regex(/^\d+(kB|MB|GB)$/, { message: "must be an amount in PostgreSQL's units such as 16MB, 512kB or 1GB (kB, MB, GB; case matters)", abort: true })
      .refine((value) => sizeInKb(value) >= 1_024 && sizeInKb(value) <= 1_048_576, "must be between 1MB and 1GB (PGlite's memory holds at most 2GB)")
      .default("16MB"),
    // Sign-in throttling (server/auth): the client's address comes from X-Forwarded-For only
    // when the connection comes from one of these proxies (IPs or CIDRs, comma-separated).
    PORTAL_TRUSTED_PROXIES: optionalString.transform((text, ctx) => parseProxyList(text, ctx)),
    // GET /api/metrics answers only with "Authorization: Bearer <token>" when this is set.
    PORTAL_METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    // OpenTelemetry traces (server/telemetry): exported over OTLP/HTTP to <endpoint>/v1/traces when
    // set (e.g. an OpenTelemetry Collector at http://otel-collector:4318); off, at no cost, when not.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as http://otel-collector:4318" }).optional()),
    OTEL_SERVICE_NAME: optionalString.pipe(z.string().max(200, "must be at most 200 characters").optional()),
    // Where the process runs, on every span's resource (the Kubernetes manifests set the pod and
    // namespace through the downward API): server/telemetry/resource-attributes.ts.
    OTEL_RESOURCE_ATTRIBUTES: optionalString.transform((text, ctx) => parseResourceAttributes(text, ctx)),
    // Personal API tokens (server/auth/api-tokens.ts): the longest lifetime a new token may have.
    PORTAL_TOKEN_MAX_DAYS: z.coerce
      .number("must be a number of days")
      .int("must be a whole number of days")
      .min(1, "must be at least 1")
      .max(3_650, "must be at most 3650 (ten years)")
      .default(365),
    // Uploads to the bucket browser: the largest file accepted, in MB (per bucket: "maxUploadMB"
    // in PORTAL_BUCKET_ACCESS).
    PORTAL_UPLOAD_MAX_MB: uploadMaxMbSchema.default(5_120),
    // OpenLineage ingestion (POST /api/v1/lineage): the largest request body in MB, compressed
    // or not (a gzip body may not decompress to more either).
    PORTAL_LINEAGE_MAX_MB: z.coerce
      .number("must be a number of megabytes")
      .int("must be a whole number of megabytes")
      .min(1, "must be at least 1")
      .max(1_024, "must be at most 1024")
      .default(10),
    // Single sign-on (server/auth/oidc): when OIDC_ISSUER is set, these replace the issuer, client
    // and scopes of Admin › Single sign-on (shown there read-only); the role rules stay there.
    OIDC_ISSUER: optionalString.pipe(z.url("must be the issuer URL, e.g. https://login.example.com/realms/data").optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_SCOPES: optionalString.pipe(
      z
        .string()
        .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, "must be scopes separated by single spaces, e.g. openid email profile groups")
        .refine((v) => v.split(" ").includes("openid"), "must include openid")
        .optional(),
    ),
    OIDC_BUTTON_LABEL: optionalString.pipe(z.string().max(60, "must be at most 60 characters").optional()),
    // Secrets at rest (server/secrets): the AES-256-GCM key for stored connection and SSO secrets,
    // 32 bytes as base64 or hex. Unset: <PORTAL_DATA_DIR>/secret.key, created on first start.
    // Checked at start-up (server/secrets/startup.ts), where a malformed key stops the portal.
    PORTAL_SECRET_KEY: optionalString,
    /** `npm run secrets:rotate` only: the key that replaces PORTAL_SECRET_KEY. */
    PORTAL_NEW_SECRET_KEY: optionalString,
    // HashiCorp Vault (server/secrets/vault.ts) for secrets stored as vault:<mount>/<path>#<key>:
    // VAULT_TOKEN, or Kubernetes auth with VAULT_KUBERNETES_ROLE.
    VAULT_ADDR: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as https://vault.example.com:8200" }).optional()),
    VAULT_TOKEN: optionalString,
    VAULT_NAMESPACE: optionalString,
    VAULT_KUBERNETES_ROLE: optionalString,
    VAULT_KUBERNETES_MOUNT: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "must be an auth mount path such as kubernetes")
      .default("kubernetes"),
    VAULT_KUBERNETES_TOKEN_FILE: z.string().trim().min(1).default("/var/run/secrets/kubernetes.io/serviceaccount/token"),
    CATALOG_CRAWL_INTERVAL_MINUTES: crawlIntervalMinutesSchema.default(60),
    // How often the demo pipeline rebuilds the demo lakehouse and reports it as OpenLineage runs (0 = only on first start).
    PORTAL_DEMO_PIPELINE_MINUTES: z.coerce
      .number("must be a number of minutes")
      .int("must be a whole number of minutes")
      .min(0, "must be 0 (off) or more")
      .max(10_080, "must be at most 10080 (a week)")
      .default(60),
    // Alerts (server/alerts): seconds between evaluation ticks (one replica evaluates at a time;
    // 0 = off). Webhooks may not point at loopback or private networks unless this is allowed
    // (tests and single-host installs with a local receiver).
    PORTAL_ALERTS_EVALUATE_SECONDS: alertEvaluateSecondsSchema.default(30),
    PORTAL_AUDIT_RETENTION_DAYS: auditRetentionDaysSchema.default(0),
    PORTAL_ALERTS_ALLOW_PRIVATE: z
      .enum(["true", "false", "1", "0"], "must be true or false")
      .default("false")
      .transform((v) => v === "true" || v === "1"),
    // Airflow (server/orchestrators/airflow): its stable REST API for task states OpenLineage does
    // not carry, logs, upcoming runs, triggering DAG runs and clearing tasks. HTTP basic
    // (AIRFLOW_USERNAME/AIRFLOW_PASSWORD) or a bearer token (AIRFLOW_TOKEN). AIRFLOW_NAMESPACE is the
    // OpenLineage namespace Airflow's events use ([openlineage] namespace), to match runs by name.
    AIRFLOW_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL such as https://airflow.example.com" }).optional()),
    AIRFLOW_USERNAME: optionalString,
    AIRFLOW_PASSWORD: optionalString,
    AIRFLOW_TOKEN: optionalString,
    AIRFLOW_API_VERSION: z
      .string()
      .trim()
      .default("v1")
      .refine((v) => v !== "v2", "v2 (Airflow 3) is not supported yet: point AIRFLOW_URL at an Airflow 2.x webserver (/api/v1)")
      .pipe(z.enum(["v1"], "must be v1 (Airflow 2.x's stable REST API)")),
    AIRFLOW_NAMESPACE: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.PORTAL_ADMIN_PASSWORD && !env.PORTAL_ADMIN_EMAIL) {
      ctx.addIssue({ code: "custom", path: ["PORTAL_ADMIN_EMAIL"], message: "must be set when PORTAL_ADMIN_PASSWORD is set" });
    }
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "must be set when OIDC_ISSUER is set" });
    if (!env.OIDC_ISSUER) {
      for (const name of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SCOPES", "OIDC_BUTTON_LABEL"] as const) {
        if (env[name]) ctx.addIssue({ code: "custom", path: [name], message: "has no effect without OIDC_ISSUER: set OIDC_ISSUER or remove it" });
      }
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      const missing = env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other S3 access key variable" });
    }
    if (env.SQL_RESULT_BUCKET && !env.S3_ENDPOINT) {
      ctx.addIssue({ code: "custom", path: ["SQL_RESULT_BUCKET"], message: "only applies with S3_ENDPOINT (the embedded store keeps results in <PORTAL_DATA_DIR>/results)" });
    }
    if (env.VAULT_ADDR && !env.VAULT_TOKEN && !env.VAULT_KUBERNETES_ROLE)
      ctx.addIssue({ code: "custom", path: ["VAULT_TOKEN"], message: "must be set with VAULT_ADDR (or set VAULT_KUBERNETES_ROLE for Kubernetes auth)" });
    if (!env.VAULT_ADDR) {
      for (const name of ["VAULT_TOKEN", "VAULT_KUBERNETES_ROLE", "VAULT_NAMESPACE"] as const) {
        if (env[name]) ctx.addIssue({ code: "custom", path: [name], message: "has no effect without VAULT_ADDR: set VAULT_ADDR or remove it" });
      }
    }
    if (!env.AIRFLOW_URL) {
      for (const name of ["AIRFLOW_USERNAME", "AIRFLOW_PASSWORD", "AIRFLOW_TOKEN", "AIRFLOW_NAMESPACE"] as const) {
        if (env[name]) ctx.addIssue({ code: "custom", path: [name], message: "has no effect without AIRFLOW_URL: set AIRFLOW_URL or remove it" });
      }
    } else {
      if (Boolean(env.AIRFLOW_USERNAME) !== Boolean(env.AIRFLOW_PASSWORD)) {
        const missing = env.AIRFLOW_USERNAME ? "AIRFLOW_PASSWORD" : "AIRFLOW_USERNAME";
        ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other Airflow credential variable (HTTP basic authentication)" });
      }
      if (env.AIRFLOW_TOKEN && env.AIRFLOW_USERNAME)
        ctx.addIssue({ code: "custom", path: ["AIRFLOW_TOKEN"], message: "set either AIRFLOW_TOKEN (bearer) or AIRFLOW_USERNAME/AIRFLOW_PASSWORD (basic), not both" });
    }
    if (!env.TRINO_URL) {
      for (const name of ["TRINO_CATALOG", "TRINO_SCHEMA", "TRINO_USER", "TRINO_PASSWORD", "TRINO_CA_FILE"] as const) {
        if (env[name]) ctx.addIssue({ code: "custom", path: [name], message: "has no effect without TRINO_URL: set TRINO_URL or remove it" });
      }
    } else {
      if (env.TRINO_SCHEMA && !env.TRINO_CATALOG)
        ctx.addIssue({ code: "custom", path: ["TRINO_CATALOG"], message: "must be set when TRINO_SCHEMA is set (a schema lives in a catalog)" });
      if (Boolean(env.TRINO_USER) !== Boolean(env.TRINO_PASSWORD)) {
        const missing = env.TRINO_USER ? "TRINO_PASSWORD" : "TRINO_USER";
        ctx.addIssue({ code: "custom", path: [missing], message: "must be set together with the other Trino credential variable (HTTP basic authentication)" });
      }
      const https = env.TRINO_URL.startsWith("https:");
      if (!https && env.TRINO_CA_FILE) ctx.addIssue({ code: "custom", path: ["TRINO_CA_FILE"], message: "only applies to an https:// TRINO_URL" });
      if (!https && env.TRINO_TLS_INSECURE) ctx.addIssue({ code: "custom", path: ["TRINO_TLS_INSECURE"], message: "only applies to an https:// TRINO_URL" });
      if (env.TRINO_CA_FILE && !existsSync(env.TRINO_CA_FILE)) ctx.addIssue({ code: "custom", path: ["TRINO_CA_FILE"], message: `no such file: ${env.TRINO_CA_FILE}` });
    }
  });

export type PortalConfig = z.infer<typeof envSchema> & {
  /** Absolute path of PORTAL_DATA_DIR. */
  dataDir: string;
  /** The variables that were set (not empty): a set one locks its setting in Admin › Settings. */
  setVariables?: ReadonlySet<string>;
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  // An empty variable (PORT=) means "not set": its default applies.
  const setOnly = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = envSchema.safeParse(setOnly);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "(environment)"),
        message: issue.message,
      })),
    );
  }
  // setVariables: which settings of Admin › Settings the environment locks (server/settings).
  return { ...parsed.data, dataDir: path.resolve(parsed.data.PORTAL_DATA_DIR), setVariables: new Set(Object.keys(setOnly)) };
}

/** "16MB" → 16384 (kB): PostgreSQL's memory units. */
function sizeInKb(value: string): number {
  const [, amount, unit] = /^(\d+)(kB|MB|GB)$/.exec(value) ?? [];
  return Number(amount) * (unit === "GB" ? 1_048_576 : unit === "MB" ? 1_024 : 1);
}

let cached: PortalConfig | undefined;

/** The validated configuration of this process (validated on first use). */
export function getConfig(): PortalConfig {
  cached ??= loadConfig();
  return cached;
}

// ---------------------------------------------------------------------------------------------
// PORTAL_BUCKET_ACCESS: JSON of the rules that lib/settings/value-schemas.ts validates.
// (A function declaration, so envSchema above can use it: hoisted, unlike a const.)
// ---------------------------------------------------------------------------------------------
function bucketAccessSchema() {
  return optionalString.transform((text, ctx): Record<string, BucketRule> => {
    if (text === undefined) return DEFAULT_BUCKET_ACCESS;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `is not valid JSON; expected e.g. ${BUCKET_ACCESS_EXAMPLE}` });
      return z.NEVER;
    }
    const parsed = bucketRulesSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: parsed.error.issues.map((issue) => issue.message).join("; ") });
      return z.NEVER;
    }
    return parsed.data;
  });
}

// ---------------------------------------------------------------------------------------------
// SQL_TIME_LIMIT_SECONDS: one number for every role, or {"viewer":300,"editor":1800,"admin":3600}
// (roles left out keep their default).
// ---------------------------------------------------------------------------------------------
function timeLimitSchema() {
  return optionalString.transform((text, ctx): TimeLimits => {
    if (text === undefined) return DEFAULT_TIME_LIMITS;
    if (/^\d+$/.test(text)) {
      const seconds = Number(text);
      const all = timeLimitsSchema.safeParse({ viewer: seconds, editor: seconds, admin: seconds });
      if (all.success) return all.data;
    } else {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (value && typeof value === "object" && !Array.isArray(value)) {
        // Roles left out keep their default; the result is checked like a stored value.
        const merged = timeLimitsSchema.safeParse({ ...DEFAULT_TIME_LIMITS, ...(value as Partial<TimeLimits>) });
        if (merged.success && Object.values(value as Record<string, unknown>).every((seconds) => typeof seconds === "number")) return merged.data;
      }
    }
    ctx.addIssue({ code: "custom", message: `must be a whole number of seconds (1-${MAX_TIME_LIMIT_SECONDS}) or JSON such as {"viewer":300,"editor":1800,"admin":3600}` });
    return z.NEVER;
  });
}

// ---------------------------------------------------------------------------------------------
// PORTAL_TRUSTED_PROXIES: "10.0.0.5, 10.1.0.0/16, ::1" — the load balancers whose
// X-Forwarded-For the portal believes. Unset: none (the connection's own address counts).
// ---------------------------------------------------------------------------------------------
export type ProxyRange = { address: string; prefix: number; family: 4 | 6 };

function parseProxyList(text: string | undefined, ctx: z.RefinementCtx): ProxyRange[] {
  if (text === undefined) return [];
  const ranges: ProxyRange[] = [];
  for (const item of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = "", prefixText] = item.split("/");
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      ctx.addIssue({ code: "custom", message: `"${item}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.1.0.0/16, ::1)` });
      return z.NEVER;
    }
    ranges.push({ address, prefix, family: family as 4 | 6 });
  }
  return ranges;
}

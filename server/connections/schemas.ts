// Inputs of the connection operations (connections.*); each handler's input is the z.infer of one.
// Secrets are write-only: `secret` is either a new value, or absent / { keep: true } to leave the
// stored one unchanged — the browser never holds it, so it can never send back a mask.
import { z } from "zod";

export const CONNECTION_KINDS = ["trino", "s3", "airflow"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

const name = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, "must be 2–40 characters: lower-case letters, digits and hyphens, starting with a letter")
  .refine((v) => v !== "duckdb", "“duckdb” is the embedded engine's name");

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .url(`must be a URL such as ${example}`)
    .refine((v) => /^https?:\/\//.test(v), `must be an http:// or https:// URL such as ${example}`);

const pem = z
  .string()
  .trim()
  .max(64_000, "is too long for a CA bundle")
  .refine((v) => v === "" || v.includes("-----BEGIN CERTIFICATE-----"), "must be PEM text (-----BEGIN CERTIFICATE-----…)");

export const trinoSettings = z.object({
  url: httpUrl("https://trino.example.com:8443"),
  catalog: z.string().trim().max(200).default(""),
  schema: z.string().trim().max(200).default(""),
  caCert: pem.default(""),
  auth: z.enum(["none", "basic", "jwt"]).default("none"),
  /** Basic auth: the portal's service account. */
  user: z.string().trim().max(200).default(""),
  /** On: queries run as the signed-in user (X-Trino-User); off: as the service account. */
  impersonation: z.boolean().default(true),
});

export const s3Settings = z.object({
  endpoint: httpUrl("http://minio:9000"),
  region: z.string().trim().min(1, "is required").max(100).default("us-east-1"),
  pathStyle: z.boolean().default(true),
  accessKeyId: z.string().trim().max(200).default(""),
});

/** Airflow 2.x's stable REST API (/api/v1); v2 (Airflow 3) is not supported by the adapter yet. */
export const airflowSettings = z.object({
  url: httpUrl("https://airflow.example.com"),
  apiVersion: z.enum(["v1"], "must be v1 (Airflow 2.x): Airflow 3's v2 API is not supported yet").default("v1"),
  auth: z.enum(["none", "basic", "token"]).default("basic"),
  /** Basic auth: the portal's Airflow account. */
  user: z.string().trim().max(200).default(""),
  /** The OpenLineage namespace its events use (as AIRFLOW_NAMESPACE): runs are matched by name only there. */
  namespace: z.string().trim().max(500, "is too long").default(""),
});

export type TrinoSettings = z.infer<typeof trinoSettings>;
export type AirflowSettingsInput = z.infer<typeof airflowSettings>;
export type S3Settings = z.infer<typeof s3Settings>;

/** A new value, or keep the stored one. */
const secretInput = z.union([z.object({ keep: z.literal(true) }), z.object({ value: z.string().max(16_000, "is too long") })]).optional();

const body = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("trino"), settings: trinoSettings, secret: secretInput }),
  z.object({ kind: z.literal("s3"), settings: s3Settings, secret: secretInput }),
  z.object({ kind: z.literal("airflow"), settings: airflowSettings, secret: secretInput }),
]);

export const connectionId = z.object({ id: z.uuid("is not a connection id") });

export const createConnectionInput = z.intersection(z.object({ name, enabled: z.boolean().default(true) }), body);

export const updateConnectionInput = z.intersection(z.object({ id: z.uuid(), version: z.number().int().min(1), name, enabled: z.boolean() }), body);

export const deleteConnectionInput = z.object({ id: z.uuid(), version: z.number().int().min(1) });

/** Test the values on screen; `id` (when editing a saved connection) lets a kept secret come from the database. */
export const testConnectionInput = z.intersection(z.object({ id: z.uuid().optional() }), body);

export type CreateConnectionInput = z.infer<typeof createConnectionInput>;
export type UpdateConnectionInput = z.infer<typeof updateConnectionInput>;
export type TestConnectionInput = z.infer<typeof testConnectionInput>;

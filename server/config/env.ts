// Every configuration value of the portal is read and validated here, once; nothing else reads
// process.env. A bad value stops start-up with a message that names the variable.
import path from "node:path";
import { z } from "zod";

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
    PORTAL_ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, "must be at least 10 characters").optional()),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_URL: optionalString.pipe(z.url("must be a URL such as https://portal.example.com").optional()),
    PORTAL_SESSION_HOURS: z.coerce.number().min(0.1).max(720).default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.PORTAL_ADMIN_PASSWORD && !env.PORTAL_ADMIN_EMAIL) {
      ctx.addIssue({ code: "custom", path: ["PORTAL_ADMIN_EMAIL"], message: "must be set when PORTAL_ADMIN_PASSWORD is set" });
    }
  });

export type PortalConfig = z.infer<typeof envSchema> & {
  /** Absolute path of PORTAL_DATA_DIR. */
  dataDir: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "(environment)"),
        message: issue.message,
      })),
    );
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.PORTAL_DATA_DIR) };
}

let cached: PortalConfig | undefined;

/** The validated configuration of this process (validated on first use). */
export function getConfig(): PortalConfig {
  cached ??= loadConfig();
  return cached;
}

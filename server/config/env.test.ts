// The whole configuration is validated at start-up; an operator with a wrong value must learn
// which variable is wrong and why, not read a stack trace.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env";

function problemsOf(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("starts with no configuration at all, using the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: "production",
      PORT: 3000,
      PORTAL_HOST: "0.0.0.0",
      DATABASE_POOL_SIZE: 10,
      PORTAL_DATA_DIR: "./.data",
      PORTAL_SESSION_HOURS: 12,
      LOG_LEVEL: "info",
      PORTAL_SHUTDOWN_SECONDS: 25,
      dataDir: path.resolve("./.data"),
    });
    // No database URL means the embedded database; no secret means a generated one.
    for (const unset of ["DATABASE_URL", "PORTAL_ADMIN_EMAIL", "PORTAL_ADMIN_PASSWORD", "NEXTAUTH_SECRET", "NEXTAUTH_URL"] as const) {
      expect(config[unset], unset).toBeUndefined();
    }
  });

  it("resolves PORTAL_DATA_DIR to an absolute path", () => {
    expect(loadConfig({ PORTAL_DATA_DIR: "relative/data" }).dataDir).toBe(path.resolve("relative/data"));
  });

  it("reads a complete production environment", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: "8080",
      PORTAL_HOST: "127.0.0.1",
      DATABASE_URL: "postgresql://portal:pw@db.internal:5432/portal",
      DATABASE_POOL_SIZE: "25",
      PORTAL_DATA_DIR: "/var/lib/portal",
      PORTAL_ADMIN_EMAIL: "ops@example.com",
      PORTAL_ADMIN_PASSWORD: "correct horse battery",
      NEXTAUTH_SECRET: "x".repeat(32),
      NEXTAUTH_URL: "https://portal.example.com",
      PORTAL_SESSION_HOURS: "8",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      PORT: 8080,
      PORTAL_HOST: "127.0.0.1",
      DATABASE_URL: "postgresql://portal:pw@db.internal:5432/portal",
      DATABASE_POOL_SIZE: 25,
      dataDir: "/var/lib/portal",
      PORTAL_ADMIN_EMAIL: "ops@example.com",
      PORTAL_ADMIN_PASSWORD: "correct horse battery",
      NEXTAUTH_SECRET: "x".repeat(32),
      NEXTAUTH_URL: "https://portal.example.com",
      PORTAL_SESSION_HOURS: 8,
      LOG_LEVEL: "warn",
    });
  });

  it("keeps workbench results for a day by default, in the embedded store, and checks the result settings", () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ SQL_RESULT_RETENTION_HOURS: 24, SQL_RESULT_MAX_MB: 2048 });
    expect(defaults.SQL_RESULT_BUCKET).toBeUndefined();
    expect(loadConfig({ SQL_RESULT_RETENTION_HOURS: "0" }).SQL_RESULT_RETENTION_HOURS).toBe(0);
    expect(problemsOf({ SQL_RESULT_BUCKET: "results" })).toEqual([
      { variable: "SQL_RESULT_BUCKET", message: "only applies with S3_ENDPOINT (the embedded store keeps results in <PORTAL_DATA_DIR>/results)" },
    ]);
    expect(problemsOf({ S3_ENDPOINT: "http://minio:9000", SQL_RESULT_BUCKET: "Results_Bucket" })[0]?.variable).toBe("SQL_RESULT_BUCKET");
    expect(problemsOf({ SQL_RESULT_RETENTION_HOURS: "-1" })).toEqual([{ variable: "SQL_RESULT_RETENTION_HOURS", message: "must be 0 (off) or more" }]);
    expect(problemsOf({ SQL_RESULT_MAX_MB: "lots" })).toEqual([{ variable: "SQL_RESULT_MAX_MB", message: "must be a number of megabytes" }]);
  });

  it("sizes the embedded PGlite's buffer pool at 16MB by default, in PostgreSQL's units, and refuses other amounts", () => {
    expect(loadConfig({}).PGLITE_SHARED_BUFFERS).toBe("16MB");
    expect(loadConfig({ PGLITE_SHARED_BUFFERS: " 128MB " }).PGLITE_SHARED_BUFFERS).toBe("128MB");
    const units = "must be an amount in PostgreSQL's units such as 16MB, 512kB or 1GB (kB, MB, GB; case matters)";
    for (const value of ["16mb", "16 MB", "1.5GB", "lots"]) expect(problemsOf({ PGLITE_SHARED_BUFFERS: value })).toEqual([{ variable: "PGLITE_SHARED_BUFFERS", message: units }]);
    const range = "must be between 1MB and 1GB (PGlite's memory holds at most 2GB)";
    for (const value of ["512kB", "2GB", "1025MB"]) expect(problemsOf({ PGLITE_SHARED_BUFFERS: value })).toEqual([{ variable: "PGLITE_SHARED_BUFFERS", message: range }]);
    expect(loadConfig({ PGLITE_SHARED_BUFFERS: "1024kB" }).PGLITE_SHARED_BUFFERS).toBe("1024kB");
  });

  it("accepts postgres:// as well as postgresql:// URLs", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).DATABASE_URL).toBe("postgres://u@h/db");
  });

  it("treats an empty number variable as unset, so its default applies", () => {
    const config = loadConfig({ PORT: "", DATABASE_POOL_SIZE: " ", PORTAL_SESSION_HOURS: "" });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.PORTAL_SESSION_HOURS).toBe(12);
  });

  it("treats empty and blank optional values as unset (as `VAR=` in an .env file means)", () => {
    const config = loadConfig({ DATABASE_URL: "", PORTAL_ADMIN_EMAIL: "   ", PORTAL_ADMIN_PASSWORD: "", NEXTAUTH_SECRET: "", NEXTAUTH_URL: " " });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORTAL_ADMIN_EMAIL).toBeUndefined();
    expect(config.PORTAL_ADMIN_PASSWORD).toBeUndefined();
    expect(config.NEXTAUTH_SECRET).toBeUndefined();
    expect(config.NEXTAUTH_URL).toBeUndefined();
  });

  it("trims surrounding whitespace from values", () => {
    const config = loadConfig({ DATABASE_URL: "  postgresql://u@h/db\n", PORTAL_ADMIN_EMAIL: " a@b.co " });
    expect(config.DATABASE_URL).toBe("postgresql://u@h/db");
    expect(config.PORTAL_ADMIN_EMAIL).toBe("a@b.co");
  });

  it.each([
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "0" }],
    ["PORT", { PORT: "65536" }],
    ["PORT", { PORT: "80.5" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://root@localhost:3306/portal" }],
    ["DATABASE_URL", { DATABASE_URL: "localhost:5432" }],
    ["DATABASE_POOL_SIZE", { DATABASE_POOL_SIZE: "0" }],
    ["PORTAL_ADMIN_EMAIL", { PORTAL_ADMIN_EMAIL: "not-an-email" }],
    ["PORTAL_ADMIN_PASSWORD", { PORTAL_ADMIN_EMAIL: "a@b.co", PORTAL_ADMIN_PASSWORD: "short" }],
    ["PORTAL_ADMIN_EMAIL", { PORTAL_ADMIN_PASSWORD: "long enough password" }],
    ["NEXTAUTH_SECRET", { NEXTAUTH_SECRET: "x".repeat(31) }],
    ["NEXTAUTH_URL", { NEXTAUTH_URL: "portal.example.com" }],
    ["PORTAL_SESSION_HOURS", { PORTAL_SESSION_HOURS: "1000" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
    ["PORTAL_SHUTDOWN_SECONDS", { PORTAL_SHUTDOWN_SECONDS: "soon" }],
    ["PORTAL_SHUTDOWN_SECONDS", { PORTAL_SHUTDOWN_SECONDS: "-1" }],
    ["PORTAL_SHUTDOWN_SECONDS", { PORTAL_SHUTDOWN_SECONDS: "2.5" }],
    ["PORTAL_SHUTDOWN_SECONDS", { PORTAL_SHUTDOWN_SECONDS: "3601" }],
    ["NODE_ENV", { NODE_ENV: "staging" }],
  ])("refuses a bad %s and names it: %j", (variable, env) => {
    const problems = problemsOf(env);
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect(errorOf(env).message).toMatch(new RegExp(`^Invalid configuration:\\n  ${variable}: \\S`));
  });

  it("says why, in words an operator understands", () => {
    expect(problemsOf({ DATABASE_URL: "mysql://root@localhost/portal" })).toEqual([{ variable: "DATABASE_URL", message: "must be a postgres:// or postgresql:// URL" }]);
    expect(problemsOf({ PORTAL_ADMIN_EMAIL: "a@b.co", PORTAL_ADMIN_PASSWORD: "short" })).toEqual([
      { variable: "PORTAL_ADMIN_PASSWORD", message: "must be at least 10 characters" },
    ]);
    expect(problemsOf({ PORTAL_ADMIN_PASSWORD: "long enough password" })).toEqual([{ variable: "PORTAL_ADMIN_EMAIL", message: "must be set when PORTAL_ADMIN_PASSWORD is set" }]);
    expect(problemsOf({ NEXTAUTH_SECRET: "too-short" })).toEqual([{ variable: "NEXTAUTH_SECRET", message: "must be at least 32 characters" }]);
  });

  it("reports every bad variable at once, so one restart fixes them all", () => {
    const error = errorOf({ PORT: "abc", DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short" });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "NEXTAUTH_SECRET", "PORT"]);
    for (const variable of ["PORT", "DATABASE_URL", "NEXTAUTH_SECRET"]) expect(error.message).toContain(`  ${variable}: `);
  });

  it("never echoes a secret value back in its message", () => {
    const error = errorOf({ PORTAL_ADMIN_EMAIL: "a@b.co", PORTAL_ADMIN_PASSWORD: "hunter2", NEXTAUTH_SECRET: "s3cr3t-value" });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("s3cr3t-value");
  });
});

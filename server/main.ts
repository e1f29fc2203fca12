// The portal's launcher: validates configuration, brings up the metadata database (embedded
// PGlite or DATABASE_URL), applies migrations, performs first-start set-up, then serves Next.js
// from one Node HTTP server that also records per-route request metrics.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { ConfigError, loadConfig, type PortalConfig } from "./config/env";
import { startEmbeddedPostgres, DataDirLockedError, type EmbeddedPostgres } from "./db/embedded";
import { migrate, MigrationError, MigrationInterruptedError } from "./db/migrate";
import { createPrismaClient, isDatabaseUnavailable, setDb } from "./db/client";
import { ensureAuthSecret, ensureFirstAdmin } from "./auth/bootstrap";
import { setRuntime } from "./runtime";
import { prepareSecrets, SecretsStartupError } from "./secrets/startup";
import { SecretKeyError } from "./secrets/key";
import { startEngines, stopEngines } from "./engines/registry";
import { objectStore } from "./storage";
import { startCatalogScheduler } from "./catalog/scheduler";
import { startDemoPipeline } from "./lineage/demo-pipeline/scheduler";
import { startAlerts } from "./alerts/scheduler";
import { setSettingsSnapshot, startSettingsSnapshot } from "./settings/snapshot";
import { startResultSweeper } from "./sql/results/sweeper";
import { startAuditRetention } from "./audit/retention";
import { metrics, REFUSED_ROUTE, routeLabel } from "./metrics/registry";
import { guardRequest } from "./http/edge/request-guard";
import { edgeRequestOf, imageOriginsOf, requestScheme, type EdgeConfig } from "./http/edge/own-origin";
import { createNonce, contentSecurityPolicy, securityHeaders } from "./http/edge/security-headers";
import { sendRefusal } from "./http/edge/refusal";
import { createStaticAssets } from "./http/static/static-assets";
import { logger } from "./logger";
import { startTracing } from "./telemetry/tracing";
import { traceRequest } from "./telemetry/spans";
import { createDrain } from "./lifecycle/drain";
import { listenForBackupRequests } from "./lifecycle/backup-on-signal";
import { setLifecyclePhase } from "./lifecycle/state";
import { assertSchemaNotNewer, SchemaNewerError } from "./lifecycle/schema-version";
import { agreeOnSecretKey, SecretKeyMismatchError } from "./lifecycle/secret-key-agreement";
import { LifecycleConfigError, requireSharedSecretKey } from "./lifecycle/startup-checks";
import { guardStartup } from "./lifecycle/startup-signals";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Exit codes (sysexits.h) so scripts and orchestrators can tell failures apart. */
const EXIT = { config: 78, databaseUnavailable: 69, migration: 70, schemaNewer: 65, locked: 75, other: 1, impatient: 143 } as const;

function fail(code: number, message: string): never {
  // Plain text on stderr for people, a JSON line on stdout for log collectors; no stack trace.
  process.stderr.write(`\n✖ ${message}\n\n`);
  logger.fatal({ exitCode: code }, message.split("\n")[0]);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: PortalConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(EXIT.config, `${err.message}\nFix these environment variables and start again.`);
    throw err;
  }
  const shutdownMs = config.PORTAL_SHUTDOWN_SECONDS * 1000;
  try {
    requireSharedSecretKey(config);
  } catch (err) {
    if (err instanceof LifecycleConfigError) fail(EXIT.config, `${err.message}\nFix these environment variables and start again.`);
    throw err;
  }
  setLifecyclePhase("starting");
  // SIGTERM before ready: a clear line, a migration rolled back, exit 143 (server/lifecycle/startup-signals.ts).
  const startup = guardStartup(fail);
  const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME, resourceAttributes: config.OTEL_RESOURCE_ATTRIBUTES }); // OTLP traces when configured (server/telemetry)
  (process.env as Record<string, string | undefined>).NODE_ENV ??= config.NODE_ENV;
  const dev = config.NODE_ENV === "development";

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    startup.step("starting the embedded database");
    try {
      embedded = await startEmbeddedPostgres(config.dataDir);
    } catch (err) {
      if (err instanceof DataDirLockedError) fail(EXIT.locked, err.message);
      fail(EXIT.other, `Could not start the embedded database in ${config.dataDir}: ${(err as Error).message}`);
    }
    databaseUrl = embedded.url;
    const started = embedded;
    startup.onStop(() => started.stop());
    logger.info({ dataDir: config.dataDir }, "embedded PostgreSQL (PGlite) started");
  }

  try {
    startup.step("checking the database schema's version");
    await assertSchemaNotNewer(databaseUrl); // before migrating: an older release must not touch a newer schema
    startup.step("migrating (waiting for the migration lock)", { interruptible: true });
    const result = await migrate(databaseUrl, {
      signal: startup.signal,
      terminateOnAbort: !embedded, // the embedded database has one connection: it stops before the next COMMIT instead
      onApply: (name) => {
        startup.step(`applying migration ${name}`, { interruptible: true });
        logger.info({ migration: name }, "applying migration");
      },
    });
    // A signal handled just after the last COMMIT: stop here, the migrations stay applied.
    if (startup.signal.aborted) await startup.stopped("Every migration had committed before the signal was handled: they stay applied.");
    if (result.modifiedAfterApply.length) logger.warn({ migrations: result.modifiedAfterApply }, "applied migrations were edited afterwards");
  } catch (err) {
    if (err instanceof MigrationInterruptedError) await startup.stopped(err.message);
    if (err instanceof MigrationError) fail(EXIT.migration, err.message);
    if (err instanceof SchemaNewerError) fail(EXIT.schemaNewer, err.message);
    if (isDatabaseUnavailable(err))
      fail(EXIT.databaseUnavailable, `Cannot reach the database ${describeUrl(databaseUrl)}: ${(err as Error).message}.\nCheck DATABASE_URL and that the server is running.`);
    fail(EXIT.other, `Database set-up failed: ${(err as Error).message}`);
  }

  startup.step("preparing stored secrets and first-start set-up");
  // The embedded PGlite serves one session: one connection, and requests wait their turn for it.
  const prisma = embedded ? createPrismaClient(databaseUrl, 1, { connectionWaitMs: 60_000 }) : createPrismaClient(databaseUrl, config.DATABASE_POOL_SIZE);
  setDb(prisma);
  // The key for stored secrets, proven against every stored secret before anything uses one.
  try {
    const secrets = await prepareSecrets(config, prisma);
    if (secrets.created) logger.info({ file: secrets.source }, "created the secret key file for stored secrets");
    await agreeOnSecretKey(prisma, secrets.key.id); // the same key as every other replica, even with no secret stored yet
  } catch (err) {
    if (err instanceof SecretKeyError || err instanceof SecretsStartupError || err instanceof SecretKeyMismatchError) fail(EXIT.config, err.message);
    throw err;
  }
  const authSecret = await ensureAuthSecret(prisma, config.NEXTAUTH_SECRET);
  const admin = await ensureFirstAdmin(prisma, { email: config.PORTAL_ADMIN_EMAIL, password: config.PORTAL_ADMIN_PASSWORD });
  // Admin › Settings (server/settings): read before anything uses a setting; followed on every replica.
  const settings = startSettingsSnapshot({ db: prisma });
  setSettingsSnapshot(settings);
  await settings.ready;
  setRuntime({ databaseUrl, authSecret });

  startup.step("starting the object store and query engines");
  try {
    // The object store first: on the embedded default it creates the lake's buckets and copies
    // the demo files that the demo lakehouse then reads in place.
    await objectStore();
    await startEngines(config, (step, total, label) => process.stdout.write(`  Demo lakehouse [${"#".repeat(step)}${".".repeat(total - step)}] ${step}/${total} ${label}\n`));
  } catch (err) {
    fail(EXIT.other, `Could not prepare the object store and query engines: ${(err as Error).message}`);
  }

  // next-auth reads these two itself. Without a fixed public URL, trust the Host header so the
  // portal works at whatever address people use (localhost, 127.0.0.1, a proxy's name).
  if (config.NEXTAUTH_URL) process.env.NEXTAUTH_URL = config.NEXTAUTH_URL;
  else {
    delete process.env.NEXTAUTH_URL; // an empty one would make next-auth fail on "Invalid URL"
    process.env.AUTH_TRUST_HOST = "true";
  }

  startup.step("starting Next.js");
  const app = next({ dev, dir: ROOT, hostname: config.PORTAL_HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Build assets with brotli or gzip copies made at build time; in development Next serves its own.
  const staticAssets = dev ? undefined : createStaticAssets(path.join(ROOT, ".next/static"));
  const { requests, duration } = metrics();

  const edge: EdgeConfig = { publicUrl: config.NEXTAUTH_URL, trustedProxies: config.PORTAL_TRUSTED_PROXIES, dev };
  const imageOrigins = imageOriginsOf(config);

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    drain.track(req, res);
    // Server layouts cannot see the URL; they read it from here to build sign-in return links.
    req.headers["x-portal-path"] = req.url ?? "/";
    req.headers["x-portal-peer"] = req.socket.remoteAddress ?? ""; // the client address's root of trust (server/auth/client-address.ts); replaces any incoming copy
    // Security headers on every answer; Next.js puts the nonce it finds in the request's CSP on
    // its own scripts, and the root layout reads it from x-nonce for the theme script.
    const edgeRequest = edgeRequestOf(req);
    const headerOptions = { nonce: createNonce(), https: requestScheme(edgeRequest, edge) === "https", dev, imageOrigins };
    for (const [name, value] of Object.entries(securityHeaders(headerOptions))) res.setHeader(name, value);
    req.headers["content-security-policy"] = contentSecurityPolicy(headerOptions);
    req.headers["x-nonce"] = headerOptions.nonce;
    // Cross-origin changes, NUL bytes, oversized or mistyped bodies, huge batches: refused here,
    // before Next reads a byte of the body (server/http/edge).
    const refusal = guardRequest(edgeRequest, edge);
    res.on("finish", () => {
      const pathname = (req.url ?? "/").split("?")[0]!;
      const route = refusal ? REFUSED_ROUTE : routeLabel(pathname, res.statusCode);
      const labels = { method: req.method ?? "GET", route, status: String(res.statusCode) };
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      requests.inc(labels);
      duration.observe(labels, seconds);
      if (!pathname.startsWith("/_next/") && !labels.route.startsWith("/api/health") && labels.route !== "/api/metrics") {
        logger.info({ method: labels.method, path: pathname, route: labels.route, status: res.statusCode, ms: Math.round(seconds * 1000) }, "request");
      }
    });
    if (refusal) {
      logger.info({ method: req.method, path: (req.url ?? "/").slice(0, 200), status: refusal.status, reason: refusal.message }, "request refused at the edge");
      sendRefusal(res, refusal);
      return;
    }
    const served = staticAssets ? staticAssets.serve(req, res) : Promise.resolve(false);
    served
      .then((done) => (done ? undefined : traceRequest(req, res, () => handle(req, res))))
      .catch((err: unknown) => {
        logger.error({ err }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("Internal error");
      });
  });
  const drain = createDrain(server);
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") fail(EXIT.other, `Port ${config.PORT} is already in use. Stop the other program or set PORT.`);
    fail(EXIT.other, `HTTP server error: ${err.message}`);
  });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.PORTAL_HOST, resolve));

  printBanner(config, embedded !== undefined, admin);
  // Crawls and usage updates; safe with several replicas (advisory locks, shared run rows).
  const scheduler = startCatalogScheduler();
  const demoPipeline = startDemoPipeline(); // every PORTAL_DEMO_PIPELINE_MINUTES, on one replica (advisory lock)
  const alerts = startAlerts(); // evaluation on one replica (lease row); deliveries from any (SKIP LOCKED outbox)
  // Retention of kept workbench results; idempotent, so every replica may run it.
  const sweeper = startResultSweeper();
  const auditRetention = startAuditRetention(); // PORTAL_AUDIT_RETENTION_DAYS; one replica per sweep (advisory lock)
  // `npm run backup` while the embedded default runs: this process writes the snapshot (SIGUSR2).
  const backups = embedded ? listenForBackupRequests({ dataDir: config.dataDir, databaseUrl }) : undefined;

  setLifecyclePhase("ready");

  // Graceful shutdown (server/lifecycle): unready at once, running streams and uploads get up to
  // PORTAL_SHUTDOWN_SECONDS, then the rest are cut (cancelled on the engine), the schedulers stop
  // (releasing their advisory locks and leases), the engines and the database close, exit 0.
  // A second signal exits at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting at once");
      process.exit(EXIT.impatient);
    }
    stopping = true;
    logger.info({ signal, inFlight: drain.inFlight, deadlineSeconds: shutdownMs / 1000 }, "shutting down: draining requests");
    const drained = await drain.drain(shutdownMs);
    logger.info(drained, "requests drained");
    await scheduler.stop().catch(() => {});
    await demoPipeline.stop().catch(() => {});
    await alerts.stop().catch(() => {});
    await settings.stop().catch(() => {});
    sweeper.stop();
    auditRetention.stop();
    backups?.stop();
    await app.close?.().catch(() => {});
    await stopEngines().catch((err: unknown) => logger.warn({ err }, "closing the engines failed"));
    await tracing.stop().catch(() => {}); // exports the spans still buffered
    await prisma.$disconnect().catch(() => {});
    await embedded?.stop().catch(() => {});
    logger.info("stopped");
    process.exit(0);
  };
  startup.release();
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function printBanner(config: PortalConfig, embeddedDb: boolean, admin: Awaited<ReturnType<typeof ensureFirstAdmin>>): void {
  const url = config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`;
  const lines = [
    "",
    `  Lakehouse portal is running at ${url}`,
    `  Metadata database: ${embeddedDb ? `embedded PGlite in ${path.join(config.dataDir, "pgdata")}` : "PostgreSQL from DATABASE_URL"}`,
  ];
  if (admin.created) {
    lines.push("", `  First start: created the admin account ${admin.email}`);
    if (admin.generatedPassword) {
      lines.push(`  Its generated password (shown only this once): ${admin.generatedPassword}`, "  Sign in and create your own users under Admin › Users.");
    } else {
      lines.push("  Its password is the one in PORTAL_ADMIN_PASSWORD.");
    }
  }
  process.stdout.write(lines.join("\n") + "\n\n");
}

main().catch((err: unknown) => {
  fail(EXIT.other, `The portal could not start: ${err instanceof Error ? err.message : String(err)}`);
});

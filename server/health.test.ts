// The health check an operator's load balancer relies on: it must say "unavailable" quickly when
// the database goes away, and "ok" again as soon as it is back, without restarting the portal.
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "./testing/databases";
import { describeOnDatabases } from "./testing/describe-on-databases";
import { createPrismaClient, isDatabaseUnavailable, setDb, type Db } from "./db/client";
import { checkDatabase } from "./health";
import { TcpProxy } from "./testing/tcp-proxy";

const available = await postgresAvailable();

await describeOnDatabases("checkDatabase against $kind", ({ kind, skip }) => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let proxied: Db;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    const target = new URL(database.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    viaProxy.password = "secret-pw";
    proxied = createPrismaClient(viaProxy.toString(), 3);
    setDb(proxied);
  });
  afterAll(async () => {
    setDb(undefined);
    await proxied?.$disconnect().catch(() => {});
    await proxy?.kill();
    await database?.close();
  });

  it.skipIf(skip)("is ok while the database answers", async () => {
    const health = await checkDatabase();
    expect(health.status).toBe("ok");
    expect(health).toEqual({ status: "ok", latencyMs: expect.any(Number) });
  });

  it.skipIf(skip)("says unavailable at once when the database goes away (no waiting for a timeout), and ok again when it is back", async () => {
    await proxy.kill();

    // A generous timeout: the answer must come from the refused connection, not from the timer.
    const down = await checkDatabase(30_000);
    expect(down.status).toBe("unavailable");
    const { error } = down as { error: string };
    expect(error).not.toMatch(/no answer within/);
    expect(error).not.toContain("\n");
    expect(error).not.toContain("secret-pw");
    expect(error).not.toMatch(/postgres(ql)?:\/\/[^…]/);
    expect((await checkDatabase(30_000)).status).toBe("unavailable");

    await proxy.start(); // the same port again

    expect(await checkDatabase(30_000)).toEqual({ status: "ok", latencyMs: expect.any(Number) });
    // The portal's own queries work again too.
    expect(await proxied.user.count()).toBe(0);
  });

  it.skipIf(skip)("says unavailable after its timeout when the database hangs, and recovers", async () => {
    // Connections already open would still work: cut them, then stall new ones.
    await proxy.kill();
    proxy.stall(true);
    await proxy.start();

    // Pooled connections cut by the kill each fail once ("Connection terminated"); at most the
    // pool size (3) of them. After that, the check waits for a stalled connection and gives up.
    const answers: string[] = [];
    for (let i = 0; i < 4 && answers.at(-1) !== "no answer within 200 ms"; i++) {
      const health = await checkDatabase(200);
      expect(health.status).toBe("unavailable");
      answers.push((health as { error: string }).error);
    }
    expect(answers.at(-1)).toBe("no answer within 200 ms");

    proxy.stall(false);
    expect((await checkDatabase(30_000)).status).toBe("ok");
  });
});

describe("isDatabaseUnavailable", () => {
  let database: TestDatabase;
  let closedPort: number;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(() => database?.close());

  const errorOf = async (work: () => Promise<unknown>): Promise<unknown> => {
    try {
      await work();
    } catch (err) {
      return err;
    }
    throw new Error("expected the work to fail");
  };

  it("is true for a server nobody listens on, through Prisma and through pg", async () => {
    const unreachable = createPrismaClient(`postgresql://postgres@127.0.0.1:${closedPort}/x`, 1);
    try {
      expect(isDatabaseUnavailable(await errorOf(() => unreachable.$queryRaw`SELECT 1`))).toBe(true);
      expect(isDatabaseUnavailable(await errorOf(() => unreachable.user.count()))).toBe(true);
    } finally {
      await unreachable.$disconnect();
    }
    const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${closedPort}/x` });
    expect(isDatabaseUnavailable(await errorOf(() => client.connect()))).toBe(true);
  });

  it("is false for errors of the query itself", async () => {
    expect(isDatabaseUnavailable(await errorOf(() => database.db.$queryRawUnsafe("SELEC 1")))).toBe(false);
    expect(isDatabaseUnavailable(await errorOf(() => database.db.$queryRawUnsafe("SELECT * FROM no_such_table")))).toBe(false);
    const user = { email: "dup@example.com", name: "Dup", passwordHash: "x" };
    await database.db.user.create({ data: user });
    expect(isDatabaseUnavailable(await errorOf(() => database.db.user.create({ data: user })))).toBe(false);
    expect(isDatabaseUnavailable(await errorOf(() => database.db.user.findUniqueOrThrow({ where: { email: "nobody@example.com" } })))).toBe(false);
  });

  it("is false for things that are not errors", () => {
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable("")).toBe(false);
    expect(isDatabaseUnavailable(new Error("Something else went wrong"))).toBe(false);
  });

  it.skipIf(!available)("is true when PostgreSQL terminates the connection, false when it cancels a slow statement (PostgreSQL)", async () => {
    const postgres = await createTestDatabase("postgres");
    const victim = new pg.Client({ connectionString: postgres.url });
    const admin = new pg.Client({ connectionString: postgres.url });
    victim.on("error", () => {});
    try {
      await victim.connect();
      await admin.connect();
      const pid = (await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const sleeping = errorOf(() => victim.query("SELECT pg_sleep(30)"));
      await waitFor(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [pid])).rowCount === 1);
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      const terminated = await sleeping;
      expect(isDatabaseUnavailable(terminated)).toBe(true);

      await admin.query("SET statement_timeout = 50");
      const cancelled = await errorOf(() => admin.query("SELECT pg_sleep(5)"));
      expect((cancelled as Error).message).toMatch(/statement timeout/);
      expect(isDatabaseUnavailable(cancelled)).toBe(false);
    } finally {
      await victim.end().catch(() => {});
      await admin.end().catch(() => {});
      await postgres.close();
      setDb(database.db);
    }
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition never became true");
}

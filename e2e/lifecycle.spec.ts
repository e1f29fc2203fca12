// The process lifecycle an orchestrator relies on (server/lifecycle): live and ready, and a
// SIGTERM that lets a running download finish, turns the replica unready at once and exits 0;
// a second SIGTERM exits at once. Each test starts its own portal (embedded default).
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { signInCookie, startPortal, tempDataDir, waitForLog, type PortalProcess } from "./portal-processes";

const ADMIN = { email: "admin@lifecycle.test", password: "lifecycle-admin-password" };
const FILE_BYTES = 96 * 1024 * 1024; // far more than socket buffers hold: the stream waits for its reader

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let portal: PortalProcess | undefined;
test.afterEach(async () => {
  if (portal && portal.child.exitCode === null) portal.child.kill("SIGKILL");
  await portal?.exited;
  portal = undefined;
});

async function start(port: number, env: Record<string, string> = {}): Promise<{ portal: PortalProcess; dataDir: string; digest: string; cookie: string }> {
  const dataDir = tempDataDir("lifecycle");
  const started = await startPortal({ port, dataDir, env: { PORTAL_ADMIN_EMAIL: ADMIN.email, PORTAL_ADMIN_PASSWORD: ADMIN.password, ...env } });
  // A large file in the embedded lake (the local store serves <data>/lake/<bucket>/<key>).
  const bytes = randomBytes(FILE_BYTES);
  mkdirSync(path.join(dataDir, "lake/raw/lifecycle"), { recursive: true });
  writeFileSync(path.join(dataDir, "lake/raw/lifecycle/big.bin"), bytes);
  const cookie = await signInCookie(started.url, ADMIN.email, ADMIN.password);
  return { portal: started, dataDir, digest: createHash("sha256").update(bytes).digest("hex"), cookie };
}

/** Starts downloading the big file and reads its first chunk; the rest waits in the socket. */
async function beginDownload(url: string, cookie: string) {
  const link = await fetch(`${url}/api/storage/download?bucket=raw&key=lifecycle/big.bin`, { headers: { cookie }, redirect: "manual" });
  expect(link.status).toBe(302);
  const response = await fetch(new URL(link.headers.get("location")!, url), { headers: { cookie } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const hash = createHash("sha256");
  let received = 0;
  const first = await reader.read();
  hash.update(first.value!);
  received += first.value!.byteLength;
  return {
    async readRest(): Promise<{ received: number; digest: string; error?: string }> {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          hash.update(value);
          received += value.byteLength;
        }
        return { received, digest: hash.digest("hex") };
      } catch (err) {
        return { received, digest: "", error: (err as Error).message };
      }
    },
  };
}

async function readyStatus(url: string): Promise<number | "refused"> {
  return fetch(`${url}/api/health/ready`).then(
    (r) => r.status,
    () => "refused" as const,
  );
}

test("live and ready answer; SIGTERM during a download: unready at once, the download finishes whole, exit 0", async () => {
  const run = await start(3481, { PORTAL_SHUTDOWN_SECONDS: "60" });
  portal = run.portal;
  const live = await fetch(`${portal.url}/api/health/live`);
  expect(live.status).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await fetch(`${portal.url}/api/health/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });

  const download = await beginDownload(portal.url, run.cookie);
  portal.child.kill("SIGTERM");
  const draining = await waitForLog(portal, "shutting down: draining requests");
  expect(draining.inFlight).toBeGreaterThanOrEqual(1);
  // No new traffic: the listener is closed (a load balancer's check gets no 200 from here on).
  expect(await readyStatus(portal.url)).not.toBe(200);
  expect(portal.child.exitCode).toBeNull(); // still serving the download

  const rest = await download.readRest();
  expect(rest.error).toBeUndefined();
  expect(rest.received).toBe(FILE_BYTES);
  expect(rest.digest).toBe(run.digest);
  expect(await portal.exited).toBe(0);
  expect(portal.logs().find((l) => l.msg === "requests drained")).toMatchObject({ cut: 0 });
  expect(portal.logs().some((l) => l.msg === "stopped")).toBe(true);
});

test("a download still running at the deadline is cut, and the process still exits 0", async () => {
  const run = await start(3482, { PORTAL_SHUTDOWN_SECONDS: "1" });
  portal = run.portal;
  const download = await beginDownload(portal.url, run.cookie);
  portal.child.kill("SIGTERM");
  await waitForLog(portal, "shutting down: draining requests");
  expect(await portal.exited).toBe(0); // the reader never read: the deadline cut it
  expect(portal.logs().find((l) => l.msg === "requests drained")).toMatchObject({ cut: 1 });
  const rest = await download.readRest();
  expect(rest.received).toBeLessThan(FILE_BYTES);
});

test("a second SIGTERM exits at once (143) without waiting for the download", async () => {
  const run = await start(3483, { PORTAL_SHUTDOWN_SECONDS: "600" });
  portal = run.portal;
  const download = await beginDownload(portal.url, run.cookie);
  portal.child.kill("SIGTERM");
  await waitForLog(portal, "shutting down: draining requests");
  portal.child.kill("SIGTERM");
  expect(await portal.exited).toBe(143);
  expect(portal.logs().some((l) => l.msg === "second signal: exiting at once")).toBe(true);
  expect((await download.readRest()).received).toBeLessThan(FILE_BYTES);
});

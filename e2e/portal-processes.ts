// Portal processes started by a test itself (server/main.ts on a port and data folder of its
// own, beside the run's shared web server): for the lifecycle and replica specs, which send
// signals to them, kill them and restart them. No Playwright imports, so plain scripts may use it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

export type PortalProcess = {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** The JSON log lines it wrote so far. */
  logs(): { msg: string; [field: string]: unknown }[];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
};

export type StartOptions = { port: number; env?: Record<string, string>; dataDir?: string; waitFor?: "ready" | "nothing" };

const cleanup: string[] = [];
process.once("exit", () => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

export function tempDataDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `portal-${label}-`));
  cleanup.push(dir);
  return dir;
}

export async function startPortal(options: StartOptions): Promise<PortalProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(options.port),
    PORTAL_HOST: "127.0.0.1",
    PORTAL_DATA_DIR: options.dataDir ?? tempDataDir("proc"),
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  // The image's entry command: node itself, with tsx loaded in-process. Not the tsx CLI, which
  // runs the server in a child process: a SIGKILL would end only the wrapper and orphan the server.
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const url = `http://127.0.0.1:${options.port}`;
  const portal: PortalProcess = {
    url,
    port: options.port,
    child,
    exited,
    output: () => output,
    logs: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { msg: string }];
          } catch {
            return [];
          }
        }),
  };
  if (options.waitFor !== "nothing") await waitUntilReady(portal);
  return portal;
}

/** Waits for /api/health/ready to say 200 (starting takes a few seconds: migrations, engines, Next). */
export async function waitUntilReady(portal: PortalProcess, attempts = 900): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (portal.child.exitCode !== null) throw new Error(`The portal on ${portal.port} exited (${portal.child.exitCode}):\n${portal.output().slice(-3000)}`);
    const ok = await fetch(`${portal.url}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The portal on ${portal.port} never became ready:\n${portal.output().slice(-3000)}`);
}

/** Waits until a log line with this message appears. */
export async function waitForLog(portal: PortalProcess, msg: string, attempts = 600): Promise<{ msg: string; [field: string]: unknown }> {
  for (let i = 0; i < attempts; i++) {
    const found = portal.logs().find((l) => l.msg === msg);
    if (found) return found;
    if (portal.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No log line "${msg}" from the portal on ${portal.port}:\n${portal.output().slice(-3000)}`);
}

/** Signs in through next-auth's real endpoints; returns the Cookie header value to send afterwards. */
export { signIn as signInCookie } from "../scripts/lib/portal-process";

// A real S3-protocol server on loopback (s3rver, file-backed, in a child process) for tests and
// the benchmark. Port 0: the OS picks a free port, so parallel runs never collide.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export type TestS3Server = { endpoint: string; directory: string; close(): Promise<void> };

export async function startS3Server(options: { buckets?: string[]; port?: number } = {}): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "portal-s3rver-"));
  const script = path.join(import.meta.dirname, "run-s3rver.cjs");
  const child = spawn(process.execPath, ["--openssl-legacy-provider", script, directory, String(options.port ?? 0), (options.buckets ?? []).join(",")], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}): ${stderr}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

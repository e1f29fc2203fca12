// Health of the portal's own dependencies, for load balancers and people.
import { db } from "./db/client";

export type DatabaseHealth = { status: "ok"; latencyMs: number } | { status: "unavailable"; error: string };

export async function checkDatabase(timeoutMs = 3_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: "unavailable", error: summarize(err) };
  } finally {
    clearTimeout(timer);
  }
}

function summarize(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // One line, no stack, no connection string.
  return message
    .split("\n")[0]!
    .replace(/postgres(ql)?:\/\/\S+/g, "postgres://…")
    .slice(0, 200);
}

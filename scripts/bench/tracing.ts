// Benchmark: what the request span of server/telemetry costs, measured in one run against the
// direct alternative (the same handler without traceRequest). Not a test: it prints ratios for
// the README. Three servers on loopback answer a small body; a client sends the same number of
// keep-alive requests to each, interleaved in rounds so all see the same machine load:
//   direct   – the handler alone (the three take turns going first)
//   off      – traceRequest with tracing off (OTEL_EXPORTER_OTLP_ENDPOINT unset)
//   on       – traceRequest with tracing on, exporting to a loopback OTLP receiver
//
//   npx tsx scripts/bench/tracing.ts [--requests 4000] [--rounds 5] [--concurrency 8]
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { traceRequest } from "../../server/telemetry/spans";
import { startTracing } from "../../server/telemetry/tracing";
import { tracingEnabled } from "../../server/telemetry/state";
import { startOtlpReceiver } from "../../server/telemetry/testing/otlp-receiver";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "4000" }, rounds: { type: "string", default: "5" }, concurrency: { type: "string", default: "8" } },
});
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);

const handler = (res: http.ServerResponse) => res.writeHead(200, { "content-type": "text/plain" }).end("ok");

async function serve(traced: boolean): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => (traced ? traceRequest(req, res, () => handler(res)) : handler(res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog`, close: () => server.close() };
}

/** Milliseconds to send `REQUESTS` requests, `CONCURRENCY` at a time, over keep-alive connections. */
async function load(url: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const one = () =>
    new Promise<void>((resolve, reject) => {
      http.get(url, { agent }, (res) => res.resume().on("end", resolve)).on("error", reject);
    });
  let sent = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent++ < REQUESTS) await one();
    }),
  );
  agent.destroy();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const direct = await serve(false);
const traced = await serve(true);
const receiver = await startOtlpReceiver();
const times = { direct: [] as number[], off: [] as number[], on: [] as number[] };
await load(direct.url); // warm-up
// The order of the three turns with each round, so that none always runs first (warmer caches,
// a collection left by the previous one).
const steps: Record<keyof typeof times, () => Promise<void>> = {
  direct: async () => void times.direct.push(await load(direct.url)),
  off: async () => {
    if (tracingEnabled()) throw new Error("tracing must be off here");
    times.off.push(await load(traced.url));
  },
  on: async () => {
    const tracing = await startTracing({ endpoint: receiver.url, exportDelayMs: 1_000 });
    times.on.push(await load(traced.url));
    await tracing.stop();
  },
};
const names = Object.keys(steps) as (keyof typeof times)[];
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) await steps[names[(round + i) % names.length]!]();
}
const base = median(times.direct);
console.log(`${REQUESTS} requests × ${ROUNDS} rounds, ${CONCURRENCY} at a time; median ms per round:`);
for (const [name, list] of Object.entries(times)) console.log(`  ${name.padEnd(6)} ${median(list).toFixed(0).padStart(6)} ms  ${(median(list) / base).toFixed(2)}× direct`);
console.log(`spans received by the OTLP receiver: ${receiver.spans.length.toLocaleString("en")} (expected ${(REQUESTS * ROUNDS).toLocaleString("en")})`);
direct.close();
traced.close();
await receiver.close();

// A request the edge refuses before Next sees it: an HTTP status and a message that says what
// was refused and why, sent as {"error": message}.
import type { ServerResponse } from "node:http";

export type Refusal = { status: 400 | 401 | 403 | 413 | 415 | 431; message: string };

export function sendRefusal(res: ServerResponse, refusal: Refusal, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: refusal.message });
  res.writeHead(refusal.status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    // The body was never read: the connection cannot carry another request.
    connection: "close",
  });
  res.end(body);
}

// Sending one message to one webhook. Two formats:
// - `slack`: Slack's incoming-webhook JSON (`text` plus `blocks`), which Slack, Mattermost,
//   Rocket.Chat and Microsoft Teams' Slack-compatible endpoints accept.
// - `json`: the portal's own JSON, signed: `X-Portal-Timestamp: <unix seconds>` and
//   `X-Portal-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. A receiver
//   recomputes the HMAC over the raw body, compares in constant time and rejects timestamps
//   older than a few minutes (replays).
// Every message carries `X-Portal-Delivery: <idempotency key>`: a message whose success the
// portal could not record (it crashed between the answer and the write) is sent again with the
// same key, so a receiver that remembers keys drops the repeat.
import { createHmac } from "node:crypto";
import { resolvedAddressRefusal, type UrlPolicy } from "./url-safety";

export type AlertMessage = {
  /** alert | test | notify */
  purpose: string;
  title: string;
  text: string;
  /** A link into the portal (path), when there is one. */
  link?: string | null;
  severity: "critical" | "warning" | "info";
  rule?: { id: string; name: string; kind: string } | null;
  subject?: string | null;
  runId?: string | null;
  firedAt: string;
  details?: Record<string, unknown>;
  /** The rule's teams, with their members when the alert fired (recipients.ts). */
  teams?: { name: string; members: string[]; memberCount: number }[];
};

export type WebhookTarget = { kind: string; url: string; secret: string | null };
export type SendResult = { ok: boolean; status: number | null; error: string | null; ms: number; retryable: boolean };

export const SEND_TIMEOUT_MS = 10_000;

export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The body a channel of `kind` receives. */
export function renderMessage(kind: string, message: AlertMessage, portalUrl: string | null): unknown {
  const link = message.link ? (portalUrl ? new URL(message.link, portalUrl).toString() : message.link) : null;
  if (kind === "slack") {
    const icon = message.severity === "critical" ? ":red_circle:" : message.severity === "warning" ? ":warning:" : ":information_source:";
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return {
      text: `${message.title}: ${message.text}`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `${icon} *${escape(message.title)}*\n${escape(message.text)}` } },
        ...(link ? [{ type: "context", elements: [{ type: "mrkdwn", text: `<${link}|Open in the portal>` }] }] : []),
        ...(message.teams?.length ? [{ type: "context", elements: [{ type: "mrkdwn", text: escape(message.teams.map(teamLine).join("\n")) }] }] : []),
      ],
    };
  }
  return { ...message, link };
}

/** "Team Data Platform: a@example.com, b@example.com and 3 more" */
function teamLine(team: { name: string; members: string[]; memberCount: number }): string {
  const more = team.memberCount - team.members.length;
  const who = team.members.length ? `${team.members.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : "no members";
  return `Team ${team.name}: ${who}`;
}

export async function sendWebhook(target: WebhookTarget, body: unknown, idempotencyKey: string, policy: UrlPolicy, timeoutMs = SEND_TIMEOUT_MS): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, "ms">): SendResult => ({ ...r, ms: Date.now() - started });
  let url: URL;
  try {
    url = new URL(target.url);
    const refusal = await resolvedAddressRefusal(url, policy);
    if (refusal) return done({ ok: false, status: null, error: refusal, retryable: false });
  } catch (err) {
    return done({ ok: false, status: null, error: `Could not resolve the webhook's host: ${(err as Error).message}`, retryable: true });
  }
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "lakehouse-portal-alerts", "x-portal-delivery": idempotencyKey };
  if (target.kind === "json" && target.secret) {
    const timestamp = Math.floor(Date.now() / 1000);
    headers["x-portal-timestamp"] = String(timestamp);
    headers["x-portal-signature"] = signBody(target.secret, timestamp, raw);
  }
  try {
    // redirect: "manual" — a redirect could lead inward, past the address check above.
    const res = await fetch(url, { method: "POST", headers, body: raw, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return done({ ok: true, status: res.status, error: null, retryable: false });
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    return done({ ok: false, status: res.status, error: `The receiver answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`, retryable });
  } catch (err) {
    const e = err as Error;
    const timedOut = e.name === "TimeoutError" || e.name === "AbortError";
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const error = timedOut
      ? `The receiver did not answer within ${Math.round(timeoutMs / 1000)} s.`
      : `Could not reach the receiver: ${cause?.code ?? cause?.message ?? e.message}.`;
    return done({ ok: false, status: null, error, retryable: true });
  }
}

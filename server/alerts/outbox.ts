// The delivery outbox. A message is a row first (written in the same transaction as the
// incident it announces, so no alert is lost), then any replica's delivery pass claims due rows
// with FOR UPDATE SKIP LOCKED (so no two replicas send the same row), sends them outside any
// transaction, and records the answer. A failure the receiver may recover from (5xx, 408, 429,
// timeout, unreachable) is retried with exponential backoff up to MAX_ATTEMPTS; then the row is
// `failed`. A row whose sender died mid-send is claimable again once its lock expires.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { renderMessage, sendWebhook, SEND_TIMEOUT_MS, type AlertMessage, type SendResult, type WebhookTarget } from "./webhook";
import { channelSigningSecret } from "./channel-secret";
import { portalUrlPolicy, type UrlPolicy } from "./url-safety";
import { getConfig } from "../config/env";
import { countAlertDelivery } from "../metrics/business";

export const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 30_000;
/** How long a claimed row stays claimed: longer than a send can take. */
const CLAIM_MS = SEND_TIMEOUT_MS * 6;

type Writer = Db | Prisma.TransactionClient;

export type NewDelivery = { channelId: string; incidentId: string | null; purpose: "alert" | "test" | "notify"; idempotencyKey: string; message: AlertMessage };

/** Adds messages to the outbox; one whose idempotency key is there already is not added again. */
export async function enqueueDeliveries(client: Writer, deliveries: NewDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const { count } = await client.alertDelivery.createMany({
    data: deliveries.map((d) => ({
      channelId: d.channelId,
      incidentId: d.incidentId,
      purpose: d.purpose,
      idempotencyKey: d.idempotencyKey,
      payload: d.message as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
  return count;
}

export type DeliveryOptions = { policy?: UrlPolicy; backoffMs?: number; timeoutMs?: number; limit?: number; only?: string[] };
export type DeliveryOutcome = { id: string; status: "delivered" | "pending" | "failed"; result: SendResult };

type Claimed = { id: string; channel_id: string; payload: AlertMessage; attempts: number; idempotency_key: string };

/** Claims the due messages (all, or `only` these ids) and sends them, in parallel; returns what happened. */
export async function deliverDue(db: Db, options: DeliveryOptions = {}): Promise<DeliveryOutcome[]> {
  const limit = options.limit ?? 20;
  const only = options.only ?? null;
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE alert_deliveries d SET status = 'sending', attempts = d.attempts + 1, locked_until = now() + ${CLAIM_MS} * interval '1 millisecond'
     WHERE d.id IN (
       SELECT id FROM alert_deliveries
        WHERE id IN (
          -- Round robin over channels: every channel's oldest due message first, then the second
          -- of each, and so on, so a backlog to one dead receiver never holds up another channel.
          SELECT id FROM (
            SELECT id, next_attempt_at, row_number() OVER (PARTITION BY channel_id ORDER BY next_attempt_at) AS nth
              FROM alert_deliveries
             WHERE ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now()))
               AND (${only}::uuid[] IS NULL OR id = ANY(${only}::uuid[]))) due
           ORDER BY nth, next_attempt_at LIMIT ${limit})
          -- Again at the level that locks: a row another replica claimed and committed meanwhile is
          -- re-checked here against its new state and left alone.
          AND ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now()))
        FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.channel_id, d.payload, d.attempts, d.idempotency_key`;
  if (claimed.length === 0) return [];
  const policy = options.policy ?? portalUrlPolicy();
  const channels = await db.alertChannel.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.channel_id))] } } });
  const byId = new Map(channels.map((c) => [c.id, c]));
  const portalUrl = getConfig().NEXTAUTH_URL ?? null;
  return Promise.all(
    claimed.map(async (row): Promise<DeliveryOutcome> => {
      const channel = byId.get(row.channel_id);
      const result: SendResult = channel
        ? await signedSend(db, channel, (target) => sendWebhook(target, renderMessage(channel.kind, row.payload, portalUrl), row.idempotency_key, policy, options.timeoutMs))
        : { ok: false, status: null, error: "The channel was deleted.", ms: 0, retryable: false };
      const status = result.ok ? "delivered" : result.retryable && row.attempts < MAX_ATTEMPTS ? "pending" : "failed";
      const backoff = (options.backoffMs ?? BACKOFF_BASE_MS) * 2 ** (row.attempts - 1);
      try {
        await db.$transaction([
          db.alertDeliveryAttempt.create({ data: { deliveryId: row.id, httpStatus: result.status, error: result.error, durationMs: result.ms } }),
          db.alertDelivery.update({
            where: { id: row.id },
            data: {
              status,
              lockedUntil: null,
              lastError: result.error,
              deliveredAt: result.ok ? new Date() : null,
              nextAttemptAt: status === "pending" ? new Date(Date.now() + backoff) : undefined,
            },
          }),
        ]);
      } catch (err) {
        // The row stays claimed until its lock expires, then is sent again with the same key.
        logger.warn({ err, delivery: row.id }, "could not record an alert delivery's outcome");
      }
      if (status === "failed") logger.warn({ delivery: row.id, error: result.error }, "alert delivery gave up");
      countAlertDelivery(status);
      return { id: row.id, status, result };
    }),
  );
}

/** Sends with the channel's secret in plaintext (decrypted here, never stored so); a secret that cannot be read is a failed attempt with the reason, retried. */
async function signedSend(db: Db, channel: WebhookTarget & { id: string }, send: (target: WebhookTarget) => Promise<SendResult>): Promise<SendResult> {
  let secret: string | null;
  try {
    secret = await channelSigningSecret(db, channel);
  } catch (err) {
    return { ok: false, status: null, error: `The channel's signing secret cannot be read: ${(err as Error).message}`, ms: 0, retryable: true };
  }
  return send({ kind: channel.kind, url: channel.url, secret });
}

-- Issue 14, the remaining gaps: alert rules notify teams (through each team's own alert channel),
-- and each replica records which connections revision it applied and what its checks found.

-- A rule's teams. No foreign key on an array: a deleted team's id stays on the rule, which shows
-- it as deleted (server/alerts/recipients.ts) until the rule is edited.
ALTER TABLE "alert_rules" ADD COLUMN "team_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[];

-- The channel a team's alerts go to. Deleting the channel clears it (server/alerts/manage.ts, in
-- the same transaction); no foreign key, so alert_channels can still be truncated on its own.
ALTER TABLE "teams" ADD COLUMN "alert_channel_id" UUID;

-- One row per portal process (server/connections/replica-status.ts), written after every apply
-- and check and on a heartbeat; a row whose heartbeat is older than the timeout is not shown.
CREATE TABLE "connection_replicas" (
    "replica_id" TEXT NOT NULL,
    "host" TEXT NOT NULL DEFAULT '',
    "applied_revision" BIGINT,
    "statuses" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connection_replicas_pkey" PRIMARY KEY ("replica_id")
);
CREATE INDEX "connection_replicas_heartbeat_at_idx" ON "connection_replicas"("heartbeat_at");

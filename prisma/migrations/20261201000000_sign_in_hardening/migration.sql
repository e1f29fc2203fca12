-- Sign-in hardening: sessions ended by signing out, and the index the per-address lock-out
-- reads (failures by client address within a window).

CREATE TABLE "revoked_sessions" (
    "session_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "revoked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("session_id")
);

-- Expired rows are purged (a cookie past its expiry is refused anyway).
CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");

CREATE INDEX "audit_events_action_ip_at_idx" ON "audit_events"("action", "ip", "at");

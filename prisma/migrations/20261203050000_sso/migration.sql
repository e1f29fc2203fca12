-- Single sign-on (issue 14): the OIDC identity of an account, and the one SSO configuration row.

ALTER TABLE "users" ADD COLUMN "identity_provider" TEXT,
ADD COLUMN "subject" TEXT;

CREATE UNIQUE INDEX "users_identity_provider_subject_key" ON "users"("identity_provider", "subject");

CREATE TABLE "sso_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "issuer" TEXT NOT NULL DEFAULT '',
    "client_id" TEXT NOT NULL DEFAULT '',
    "client_secret" TEXT,
    "scopes" TEXT NOT NULL DEFAULT 'openid email profile',
    "button_label" TEXT NOT NULL DEFAULT 'single sign-on',
    "rules" JSONB NOT NULL DEFAULT '[]',
    "default_role" "role",
    "local_sign_in" BOOLEAN NOT NULL DEFAULT true,
    "break_glass_emails" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,

    CONSTRAINT "sso_settings_pkey" PRIMARY KEY ("id")
);

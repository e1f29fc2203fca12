-- Portal settings (issue 14, Admin › Settings): the values an admin changed, and the revision row
-- every replica polls to pick up a change.

CREATE TABLE "admin_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,

    CONSTRAINT "admin_settings_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "settings_revision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "settings_revision_pkey" PRIMARY KEY ("id")
);

INSERT INTO "settings_revision" ("id", "revision") VALUES (1, 0);

-- Evidence files staff can open: each customer file is downloaded once and kept here (or
-- recorded as too large / not fetched, with the reason), and served by the bot behind a signed link.
CREATE TABLE "evidence_file" (
    "id" UUID NOT NULL,
    "file_key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "source_url" TEXT,
    "state" TEXT NOT NULL,
    "content_type" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "content" BYTEA,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "stored_at" TIMESTAMPTZ(3),

    CONSTRAINT "evidence_file_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "evidence_file_file_key_key" ON "evidence_file" ("file_key");
CREATE INDEX "evidence_file_next_attempt_at_idx" ON "evidence_file" ("next_attempt_at");

ALTER TABLE "evidence" ADD COLUMN "stored_file_id" UUID;
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_stored_file_id_fkey" FOREIGN KEY ("stored_file_id") REFERENCES "evidence_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "evidence_stored_file_id_idx" ON "evidence" ("stored_file_id");

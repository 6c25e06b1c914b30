-- Data protection: when a case's personal data was removed (retention or a customer's erasure
-- request), so the retention job does not touch it twice and the archive can say so.
ALTER TABLE "case" ADD COLUMN "anonymised_at" TIMESTAMPTZ(3);
CREATE INDEX "case_closed_at_idx" ON "case" ("closed_at") WHERE "anonymised_at" IS NULL;

-- What was erased, when and by whom, without the data itself: the subject is the customer's
-- internal id, which identifies nobody once their platform id and contact are gone.
CREATE TABLE "privacy_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "customer_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "privacy_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "privacy_event_at_idx" ON "privacy_event" ("at");

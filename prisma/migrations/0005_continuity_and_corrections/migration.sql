-- Continuity: what a case is waiting on the customer for, links between cases, and the
-- "possible urgent" flag a person has to decide on.
ALTER TABLE "case" ADD COLUMN "pending_question" TEXT;
ALTER TABLE "case" ADD COLUMN "question_asked_at" TIMESTAMPTZ(3);
ALTER TABLE "case" ADD COLUMN "question_asked_by" TEXT;
ALTER TABLE "case" ADD COLUMN "related_case_id" UUID;
ALTER TABLE "case" ADD COLUMN "merged_into_case_id" UUID;
ALTER TABLE "case" ADD COLUMN "possible_urgent" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "case_customer_id_channel_id_idx" ON "case" ("customer_id", "channel_id");

-- Customer messages that belong to no case (yet): a greeting, or a message waiting for the
-- customer to say which case it is about. Nothing a customer writes is dropped.
CREATE TABLE "unfiled_message" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "platform_message_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    -- The message as the adapter delivered it, to file it once the customer has chosen.
    "message" JSONB NOT NULL,
    -- Case ids offered to the customer; empty when no choice is pending.
    "choices" JSONB NOT NULL DEFAULT '[]',
    -- pending_choice | unfiled | filed
    "state" TEXT NOT NULL,
    "case_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "filed_at" TIMESTAMPTZ(3),
    CONSTRAINT "unfiled_message_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "unfiled_message_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "unfiled_message_platform_platform_message_id_key" ON "unfiled_message" ("platform", "platform_message_id");
CREATE INDEX "unfiled_message_customer_id_state_idx" ON "unfiled_message" ("customer_id", "state");

-- Staff corrections of the triage, kept as labelled examples for the triage evaluation.
CREATE TABLE "triage_correction" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "staff_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "triage" JSONB NOT NULL,
    "corrected" JSONB NOT NULL,
    CONSTRAINT "triage_correction_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "triage_correction_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "triage_correction_case_id_idx" ON "triage_correction" ("case_id", "id");

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "customer" (
    "id" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "display_name" TEXT,
    "contact" TEXT,
    "locale" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "department_key" TEXT,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_identity" (
    "platform" TEXT NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,

    CONSTRAINT "staff_identity_pkey" PRIMARY KEY ("platform","platform_user_id")
);

-- CreateTable
CREATE TABLE "case" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "category" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "order_number" TEXT,
    "desired_outcome" TEXT,
    "amount" DECIMAL(14,2),
    "currency" TEXT,
    "language" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "cues" JSONB NOT NULL DEFAULT '[]',
    "department_key" TEXT,
    "owner_id" TEXT,
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "rejection_count" INTEGER NOT NULL DEFAULT 0,
    "satisfaction_score" INTEGER,
    "satisfaction_comment" TEXT,
    "platform" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "thread_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_customer_message_at" TIMESTAMPTZ(3) NOT NULL,
    "awaiting_customer_since" TIMESTAMPTZ(3),
    "evidence_asked_key" TEXT,
    "evidence_asked_at" TIMESTAMPTZ(3),
    "evidence_reminded_at" TIMESTAMPTZ(3),
    "first_response_due_at" TIMESTAMPTZ(3),
    "first_responded_at" TIMESTAMPTZ(3),
    "plan_due_at" TIMESTAMPTZ(3),
    "urgent_due_at" TIMESTAMPTZ(3),
    "next_update_due_at" TIMESTAMPTZ(3),
    "last_update_at" TIMESTAMPTZ(3),
    "plan_sent_at" TIMESTAMPTZ(3),
    "solution_due_at" TIMESTAMPTZ(3),
    "solution_proposed_at" TIMESTAMPTZ(3),
    "close_due_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "result_due_at" TIMESTAMPTZ(3),
    "result_delivered_at" TIMESTAMPTZ(3),
    "survey_due_at" TIMESTAMPTZ(3),
    "survey_sent_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "next_check_at" TIMESTAMPTZ(3),
    "sla_steps_done" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_message" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "direction" TEXT NOT NULL,
    "author_kind" TEXT NOT NULL,
    "author_id" TEXT,
    "platform" TEXT NOT NULL,
    "platform_message_id" TEXT,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "requirement" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "file_id" TEXT,
    "file_name" TEXT,
    "mime_type" TEXT,
    "url" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_event" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT,
    "platform" TEXT,
    "type" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "case_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "solution" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "amount" DECIMAL(14,2),
    "currency" TEXT,
    "effective_by" TEXT,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_by" TEXT NOT NULL,
    "approved_by" TEXT,
    "rejection_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "solution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_card" (
    "case_id" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_card_pkey" PRIMARY KEY ("case_id","platform")
);

-- CreateTable
CREATE TABLE "inbox_message" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "platform" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("platform","event_id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "case_id" UUID,
    "platform" TEXT NOT NULL,
    "rate_key" TEXT NOT NULL,
    "intent" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_ref" (
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_ref_pkey" PRIMARY KEY ("platform","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_platform_platform_user_id_key" ON "customer"("platform", "platform_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_number_key" ON "case"("number");

-- CreateIndex
CREATE INDEX "case_customer_id_status_idx" ON "case"("customer_id", "status");

-- CreateIndex
CREATE INDEX "case_platform_channel_id_thread_id_idx" ON "case"("platform", "channel_id", "thread_id");

-- CreateIndex
CREATE INDEX "case_next_check_at_idx" ON "case"("next_check_at");

-- CreateIndex
CREATE INDEX "case_department_key_status_idx" ON "case"("department_key", "status");

-- CreateIndex
CREATE INDEX "case_created_at_idx" ON "case"("created_at");

-- CreateIndex
CREATE INDEX "case_message_case_id_seq_idx" ON "case_message"("case_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "case_message_platform_platform_message_id_key" ON "case_message"("platform", "platform_message_id");

-- CreateIndex
CREATE INDEX "evidence_case_id_idx" ON "evidence"("case_id");

-- CreateIndex
CREATE INDEX "case_event_case_id_id_idx" ON "case_event"("case_id", "id");

-- CreateIndex
CREATE INDEX "case_event_type_at_idx" ON "case_event"("type", "at");

-- CreateIndex
CREATE INDEX "solution_case_id_created_at_idx" ON "solution"("case_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_message_dedupe_key_key" ON "inbox_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "inbox_message_status_available_at_idx" ON "inbox_message"("status", "available_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_dedupe_key_key" ON "outbox_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_message_status_available_at_idx" ON "outbox_message"("status", "available_at");

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_department_key_fkey" FOREIGN KEY ("department_key") REFERENCES "department"("key") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_identity" ADD CONSTRAINT "staff_identity_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_department_key_fkey" FOREIGN KEY ("department_key") REFERENCES "department"("key") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_message" ADD CONSTRAINT "case_message_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "solution" ADD CONSTRAINT "solution_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_card" ADD CONSTRAINT "case_card_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE CASCADE;


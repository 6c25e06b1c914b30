-- Fencing token of the claim that holds a row: once a lease ran out and another worker
-- claimed the row, the first worker can no longer complete, retry or extend it.
ALTER TABLE "inbox_message" ADD COLUMN IF NOT EXISTS "lease_id" TEXT;
ALTER TABLE "outbox_message" ADD COLUMN IF NOT EXISTS "lease_id" TEXT;

-- Per-channel pacing shared by every replica: the earliest moment the next message to a rate
-- key (a Slack channel, a Teams conversation, a person) may go. Taken atomically before a send.
CREATE TABLE IF NOT EXISTS "outbox_rate_slot" (
    "rate_key" TEXT NOT NULL,
    "next_send_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_rate_slot_pkey" PRIMARY KEY ("rate_key")
);

-- Case numbers take their suffix from a sequence: nextval never blocks and is never
-- handed out twice, so replicas can number cases concurrently. A rolled-back intake
-- leaves a gap, which readable case numbers tolerate.
CREATE SEQUENCE IF NOT EXISTS "case_number_seq" START WITH 1;

-- The scheduler scans only cases that still have a clock running.
CREATE INDEX IF NOT EXISTS "case_next_check_open_idx" ON "case" ("next_check_at") WHERE "next_check_at" IS NOT NULL;

-- The outbox worker scans only undelivered rows.
CREATE INDEX IF NOT EXISTS "outbox_pending_idx" ON "outbox_message" ("available_at") WHERE "status" = 'pending';

-- The inbox worker scans only unprocessed rows.
CREATE INDEX IF NOT EXISTS "inbox_pending_idx" ON "inbox_message" ("available_at", "id") WHERE "status" = 'pending';

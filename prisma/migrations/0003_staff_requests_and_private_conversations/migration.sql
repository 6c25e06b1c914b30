-- processed_event was never read; staff requests are deduplicated in their own table.
DROP TABLE IF EXISTS "processed_event";

CREATE TABLE "staff_request" (
    "platform" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "case_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_request_pkey" PRIMARY KEY ("platform","request_id")
);

-- Whether the customer wrote in a private chat (DM) or a channel others can read.
ALTER TABLE "case" ADD COLUMN "private_conversation" BOOLEAN NOT NULL DEFAULT true;

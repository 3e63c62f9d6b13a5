CREATE TABLE "messaging_inbox" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messaging_inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "messaging_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "messaging_outbox_unsent_idx" ON "messaging_outbox" USING btree ("id") WHERE sent_at IS NULL;--> statement-breakpoint
CREATE INDEX "messaging_outbox_sent_at_idx" ON "messaging_outbox" USING btree ("sent_at");
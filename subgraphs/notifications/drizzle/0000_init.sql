CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"order_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" IN ('WELCOME', 'ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED')),
	CONSTRAINT "notifications_order_id_for_order_kinds" CHECK ("notifications"."kind" = 'WELCOME' OR "notifications"."order_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at");
CREATE TABLE "rating_summaries" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_summaries_counts_non_negative" CHECK ("rating_summaries"."review_count" >= 0 AND "rating_summaries"."rating_sum" >= 0)
);
--> statement-breakpoint
CREATE INDEX "products_price_id_idx" ON "products" USING btree ("price_cents","id");
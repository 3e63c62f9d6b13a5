ALTER TABLE "products" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_as_of" timestamp with time zone DEFAULT now() NOT NULL;
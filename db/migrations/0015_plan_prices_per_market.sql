CREATE TABLE "plan_prices" (
	"offer_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"market" text NOT NULL,
	"billing_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metering_dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_prices_offer_id_plan_id_market_pk" PRIMARY KEY("offer_id","plan_id","market")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "market" text;
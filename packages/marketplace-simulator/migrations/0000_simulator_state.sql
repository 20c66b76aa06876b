CREATE TYPE "simulator"."operation_action" AS ENUM('Subscribe', 'ChangePlan', 'ChangeQuantity', 'Suspend', 'Reinstate', 'Renew', 'Unsubscribe');--> statement-breakpoint
CREATE TYPE "simulator"."operation_source" AS ENUM('Azure', 'Partner');--> statement-breakpoint
CREATE TYPE "simulator"."operation_status" AS ENUM('NotStarted', 'InProgress', 'Succeeded', 'Failed', 'Conflict');--> statement-breakpoint
CREATE TYPE "simulator"."subscription_status" AS ENUM('PendingFulfillmentStart', 'Subscribed', 'Suspended', 'Unsubscribed');--> statement-breakpoint
CREATE TYPE "simulator"."term_unit" AS ENUM('P1M', 'P1Y', 'P2Y', 'P3Y', 'P4Y', 'P5Y');--> statement-breakpoint
CREATE TABLE "simulator"."offers" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"description" text NOT NULL,
	"is_price_per_seat" boolean NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulator"."plans" (
	"offer_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text NOT NULL,
	"is_price_per_seat" boolean NOT NULL,
	"min_quantity" integer,
	"max_quantity" integer,
	"has_free_trials" boolean DEFAULT false NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"allowed_tenant_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"private_offer_id" uuid,
	"is_stop_sell" boolean DEFAULT false NOT NULL,
	"recurrent_billing_terms" jsonb NOT NULL,
	"metering_dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plans_offer_id_plan_id_pk" PRIMARY KEY("offer_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "simulator"."api_calls" (
	"subscription_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_called_at" timestamp with time zone NOT NULL,
	CONSTRAINT "api_calls_subscription_id_operation_pk" PRIMARY KEY("subscription_id","operation")
);
--> statement-breakpoint
CREATE TABLE "simulator"."purchase_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"subscription_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchase_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "simulator"."subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "simulator"."subscriptions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"publisher_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"name" text NOT NULL,
	"status" "simulator"."subscription_status" NOT NULL,
	"beneficiary" jsonb NOT NULL,
	"purchaser" jsonb NOT NULL,
	"plan_id" text NOT NULL,
	"quantity" integer,
	"term_unit" "simulator"."term_unit" NOT NULL,
	"term_start_date" timestamp with time zone,
	"term_end_date" timestamp with time zone,
	"charge_duration" text,
	"auto_renew" boolean DEFAULT true NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"is_free_trial" boolean DEFAULT false NOT NULL,
	"allowed_customer_operations" jsonb NOT NULL,
	"sandbox_type" text DEFAULT 'None' NOT NULL,
	"session_mode" text DEFAULT 'None' NOT NULL,
	"market" text NOT NULL,
	"azure_subscription_id" uuid NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"last_modified" timestamp with time zone NOT NULL,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "simulator"."operations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"activity_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"action" "simulator"."operation_action" NOT NULL,
	"source" "simulator"."operation_source" NOT NULL,
	"plan_id" text NOT NULL,
	"quantity" integer,
	"status" "simulator"."operation_status" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"completes_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"webhook_status" integer,
	"error_status_code" text,
	"error_message" text
);
--> statement-breakpoint
CREATE TABLE "simulator"."usage_events" (
	"usage_event_id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"plan_id" text NOT NULL,
	"quantity" double precision NOT NULL,
	"effective_start_time" timestamp with time zone NOT NULL,
	"usage_hour" timestamp with time zone NOT NULL,
	"message_time" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulator"."fault_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"endpoint" text NOT NULL,
	"rate" double precision NOT NULL,
	"remaining" integer,
	"effect" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulator"."runtime_config" (
	"id" integer PRIMARY KEY NOT NULL,
	"operation_delay_ms" integer NOT NULL,
	"reject_window_ms" integer NOT NULL,
	"purchase_token_lifetime_seconds" integer NOT NULL,
	"webhook_max_attempts" integer NOT NULL,
	"webhook_retry_delay_ms" integer NOT NULL,
	"webhook_url" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "simulator"."plans" ADD CONSTRAINT "plans_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "simulator"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulator"."api_calls" ADD CONSTRAINT "api_calls_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "simulator"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulator"."purchase_tokens" ADD CONSTRAINT "purchase_tokens_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "simulator"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulator"."operations" ADD CONSTRAINT "operations_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "simulator"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulator"."usage_events" ADD CONSTRAINT "usage_events_resource_id_subscriptions_id_fk" FOREIGN KEY ("resource_id") REFERENCES "simulator"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchase_tokens_subscription_idx" ON "simulator"."purchase_tokens" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "subscriptions_seq_idx" ON "simulator"."subscriptions" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "subscriptions_status_idx" ON "simulator"."subscriptions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "operations_subscription_idx" ON "simulator"."operations" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "operations_due_idx" ON "simulator"."operations" USING btree ("status","completes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_events_hour_uq" ON "simulator"."usage_events" USING btree ("resource_id","dimension","usage_hour");--> statement-breakpoint
CREATE INDEX "usage_events_hour_idx" ON "simulator"."usage_events" USING btree ("usage_hour");
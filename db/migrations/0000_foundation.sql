CREATE TYPE "public"."activation_mode" AS ENUM('instant', 'staff_approved');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('user', 'staff', 'system', 'marketplace');--> statement-breakpoint
CREATE TYPE "public"."inbox_state" AS ENUM('received', 'processing', 'processed', 'ignored', 'failed', 'dead_letter');--> statement-breakpoint
CREATE TYPE "public"."operation_action" AS ENUM('Subscribe', 'ChangePlan', 'ChangeQuantity', 'Renew', 'Suspend', 'Reinstate', 'Unsubscribe');--> statement-breakpoint
CREATE TYPE "public"."operation_source" AS ENUM('Azure', 'Partner');--> statement-breakpoint
CREATE TYPE "public"."operation_status" AS ENUM('NotStarted', 'InProgress', 'Succeeded', 'Failed', 'Conflict');--> statement-breakpoint
CREATE TYPE "public"."pricing_model" AS ENUM('flat_rate', 'per_user');--> statement-breakpoint
CREATE TYPE "public"."provisioning_state" AS ENUM('new', 'awaiting_approval', 'activating', 'activation_failed', 'active', 'suspended', 'deprovisioned');--> statement-breakpoint
CREATE TYPE "public"."saas_subscription_status" AS ENUM('NotStarted', 'PendingFulfillmentStart', 'Subscribed', 'Suspended', 'Unsubscribed');--> statement-breakpoint
CREATE TYPE "public"."sandbox_type" AS ENUM('None', 'Csp');--> statement-breakpoint
CREATE TYPE "public"."session_mode" AS ENUM('None', 'DryRun');--> statement-breakpoint
CREATE TYPE "public"."term_unit" AS ENUM('P1M', 'P1Y', 'P2Y', 'P3Y', 'P4Y', 'P5Y');--> statement-breakpoint
CREATE TABLE "offers" (
	"id" text PRIMARY KEY NOT NULL,
	"publisher_id" text,
	"display_name" text NOT NULL,
	"description" text,
	"handoff_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"offer_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"pricing_model" "pricing_model" DEFAULT 'flat_rate' NOT NULL,
	"billing_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"has_free_trial" boolean DEFAULT false NOT NULL,
	"min_quantity" integer,
	"max_quantity" integer,
	"metering_dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"activation_mode" "activation_mode" DEFAULT 'instant' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_offer_id_plan_id_pk" PRIMARY KEY("offer_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"publisher_id" text,
	"offer_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"quantity" integer,
	"status" "saas_subscription_status" NOT NULL,
	"purchaser_email" text,
	"purchaser_object_id" uuid,
	"purchaser_tenant_id" uuid,
	"purchaser_puid" text,
	"beneficiary_email" text,
	"beneficiary_object_id" uuid,
	"beneficiary_tenant_id" uuid,
	"beneficiary_puid" text,
	"term_unit" "term_unit",
	"term_start_date" timestamp with time zone,
	"term_end_date" timestamp with time zone,
	"auto_renew" boolean DEFAULT true NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"is_free_trial" boolean DEFAULT false NOT NULL,
	"sandbox_type" "sandbox_type" DEFAULT 'None' NOT NULL,
	"session_mode" "session_mode" DEFAULT 'None' NOT NULL,
	"allowed_customer_operations" text[] DEFAULT '{Read,Update,Delete}'::text[] NOT NULL,
	"marketplace_created_at" timestamp with time zone,
	"provisioning_state" "provisioning_state" DEFAULT 'new' NOT NULL,
	"onboarding_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"confirmed_by_email" text,
	"confirmed_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketplace_operations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"action" "operation_action" NOT NULL,
	"status" "operation_status" NOT NULL,
	"source" "operation_source" NOT NULL,
	"requested_plan_id" text,
	"requested_quantity" integer,
	"operation_location" text,
	"error_message" text,
	"marketplace_timestamp" timestamp with time zone,
	"requested_by" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_inbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"action" text NOT NULL,
	"payload" jsonb NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" "inbox_state" DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_inbox_operationId_unique" UNIQUE("operation_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	"correlation_id" text
);
--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscriptions_status_idx" ON "subscriptions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "subscriptions_offer_plan_idx" ON "subscriptions" USING btree ("offer_id","plan_id");--> statement-breakpoint
CREATE INDEX "subscriptions_purchaser_email_idx" ON "subscriptions" USING btree ("purchaser_email");--> statement-breakpoint
CREATE INDEX "subscriptions_beneficiary_email_idx" ON "subscriptions" USING btree ("beneficiary_email");--> statement-breakpoint
CREATE INDEX "subscriptions_purchaser_tenant_idx" ON "subscriptions" USING btree ("purchaser_tenant_id");--> statement-breakpoint
CREATE INDEX "subscriptions_beneficiary_tenant_idx" ON "subscriptions" USING btree ("beneficiary_tenant_id");--> statement-breakpoint
CREATE INDEX "subscriptions_created_idx" ON "subscriptions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "operations_subscription_idx" ON "marketplace_operations" USING btree ("subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "operations_status_idx" ON "marketplace_operations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "webhook_inbox_due_idx" ON "webhook_inbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_inbox_subscription_idx" ON "webhook_inbox" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_type","target_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action");
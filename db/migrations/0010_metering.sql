CREATE TYPE "public"."usage_cadence" AS ENUM('hourly', 'daily', 'monthly', 'one_time');--> statement-breakpoint
CREATE TYPE "public"."usage_hour_status" AS ENUM('open', 'ready', 'submitting', 'accepted', 'duplicate', 'nothing_to_report', 'expired', 'rejected', 'failed');--> statement-breakpoint
CREATE TYPE "public"."usage_source" AS ENUM('api', 'manual', 'csv', 'schedule');--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"quantity" numeric NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	"source" "usage_source" NOT NULL,
	"source_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_hours" (
	"subscription_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"quantity" numeric DEFAULT 0 NOT NULL,
	"included_quantity" numeric DEFAULT 0 NOT NULL,
	"reported_quantity" numeric DEFAULT 0 NOT NULL,
	"late_quantity" numeric DEFAULT 0 NOT NULL,
	"status" "usage_hour_status" DEFAULT 'open' NOT NULL,
	"plan_id" text NOT NULL,
	"marketplace_usage_event_id" text,
	"attempt_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"expiry_warned_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"reconciled_at" timestamp with time zone,
	"reconcile_difference" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_hours_subscription_id_dimension_hour_pk" PRIMARY KEY("subscription_id","dimension","hour")
);
--> statement-breakpoint
CREATE TABLE "usage_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"quantity" numeric NOT NULL,
	"cadence" "usage_cadence" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"next_run_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "usage_events_idempotency_idx" ON "usage_events" USING btree ("subscription_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "usage_hours_pending_idx" ON "usage_hours" USING btree ("hour") WHERE "usage_hours"."status" in ('open', 'ready', 'submitting');--> statement-breakpoint
CREATE INDEX "usage_hours_status_idx" ON "usage_hours" USING btree ("status","hour");--> statement-breakpoint
CREATE INDEX "usage_schedules_due_idx" ON "usage_schedules" USING btree ("next_run_at") WHERE "usage_schedules"."active";
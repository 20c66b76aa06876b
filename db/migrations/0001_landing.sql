CREATE TYPE "public"."onboarding_field_type" AS ENUM('text', 'number', 'date', 'email', 'url', 'choice');--> statement-breakpoint
CREATE TABLE "onboarding_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"help_text" text,
	"type" "onboarding_field_type" NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"min" integer,
	"max" integer,
	"options" text[],
	"sort_order" integer DEFAULT 0 NOT NULL,
	"enabled_plan_ids" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"first_resolved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "confirmed_by_object_id" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "activation_request" jsonb;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "activation_error" text;--> statement-breakpoint
CREATE INDEX "onboarding_fields_offer_idx" ON "onboarding_fields" USING btree ("offer_id","sort_order");
CREATE TYPE "public"."plan_change_policy" AS ENUM('accept_all', 'reject_downgrades', 'reject_outside_quantity_range');--> statement-breakpoint
CREATE TYPE "public"."webhook_decision" AS ENUM('accepted', 'rejected');--> statement-breakpoint
CREATE TABLE "plan_policies" (
	"offer_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"change_policy" "plan_change_policy" DEFAULT 'accept_all' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_policies_offer_id_plan_id_pk" PRIMARY KEY("offer_id","plan_id")
);
--> statement-breakpoint
ALTER TABLE "marketplace_operations" ADD COLUMN "applied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD COLUMN "decision" "webhook_decision";--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD COLUMN "state_reason" text;--> statement-breakpoint
ALTER TABLE "plan_policies" ADD CONSTRAINT "plan_policies_offer_id_plan_id_plans_offer_id_plan_id_fk" FOREIGN KEY ("offer_id","plan_id") REFERENCES "public"."plans"("offer_id","plan_id") ON DELETE cascade ON UPDATE no action;
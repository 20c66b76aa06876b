CREATE TABLE "offer_self_service" (
	"offer_id" text PRIMARY KEY NOT NULL,
	"change_seats" boolean DEFAULT true NOT NULL,
	"change_plan" boolean DEFAULT true NOT NULL,
	"cancel" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offer_self_service" ADD CONSTRAINT "offer_self_service_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;
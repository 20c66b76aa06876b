DROP INDEX "subscriptions_offer_plan_idx";--> statement-breakpoint
DROP INDEX "subscriptions_name_trgm_idx";--> statement-breakpoint
DROP INDEX "subscriptions_purchaser_email_trgm_idx";--> statement-breakpoint
DROP INDEX "subscriptions_beneficiary_email_trgm_idx";--> statement-breakpoint
CREATE INDEX "subscriptions_offer_plan_filter_idx" ON "subscriptions" USING btree ("offer_id","plan_id","status","is_test","is_free_trial");--> statement-breakpoint
CREATE INDEX "subscriptions_search_trgm_idx" ON "subscriptions" USING gin (("name" || chr(31) || coalesce("purchaser_email", '') || chr(31) || coalesce("beneficiary_email", '')) gin_trgm_ops);
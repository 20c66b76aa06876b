CREATE INDEX "subscriptions_name_idx" ON "subscriptions" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "subscriptions_status_created_idx" ON "subscriptions" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "subscriptions_name_trgm_idx" ON "subscriptions" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "subscriptions_purchaser_email_trgm_idx" ON "subscriptions" USING gin ("purchaser_email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "subscriptions_beneficiary_email_trgm_idx" ON "subscriptions" USING gin ("beneficiary_email" gin_trgm_ops);
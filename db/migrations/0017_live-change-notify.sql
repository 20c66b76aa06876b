-- Open admin pages refresh themselves when what they show changes (lib/live). Triggers, not the
-- services, announce the change, so that no writer (webhook worker, operation tracker, sync, a staff
-- action, the command line) can forget to. The payload is the subscription's ID and nothing else;
-- an ID that is not a GUID (a malformed webhook call) is announced as '' so that pg_notify's 8000-byte
-- payload limit can never fail the write. NOTIFY is delivered at commit, and only if it commits.
CREATE OR REPLACE FUNCTION portal_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  id text := coalesce(to_jsonb(NEW) ->> TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[0], '');
BEGIN
  IF id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    id := '';
  END IF;
  PERFORM pg_notify('portal_changes', lower(id));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER subscriptions_notify_insert_delete AFTER INSERT OR DELETE ON subscriptions FOR EACH ROW EXECUTE FUNCTION portal_notify_change('id');
--> statement-breakpoint
CREATE TRIGGER subscriptions_notify_update AFTER UPDATE ON subscriptions FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION portal_notify_change('id');
--> statement-breakpoint
CREATE TRIGGER marketplace_operations_notify AFTER INSERT OR UPDATE OR DELETE ON marketplace_operations FOR EACH ROW EXECUTE FUNCTION portal_notify_change('subscription_id');
--> statement-breakpoint
CREATE TRIGGER webhook_inbox_notify AFTER INSERT OR UPDATE OR DELETE ON webhook_inbox FOR EACH ROW EXECUTE FUNCTION portal_notify_change('subscription_id');
--> statement-breakpoint
CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events FOR EACH ROW WHEN (NEW.target_type = 'subscription') EXECUTE FUNCTION portal_notify_change('target_id');

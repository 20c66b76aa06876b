-- The sync page follows a run live (lib/live): each page of Microsoft's list the run records, and
-- its end, announce 'sync' on the channel of migration 0017. Only the sync page listens for it, so
-- a long run with nothing to change does not re-render the other open pages.
CREATE OR REPLACE FUNCTION portal_notify_sync_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portal_changes', 'sync');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sync_runs_notify AFTER INSERT OR UPDATE ON sync_runs FOR EACH ROW EXECUTE FUNCTION portal_notify_sync_run();

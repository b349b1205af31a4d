-- The points ledger is append-only (LOY-8): entries and lot consumptions are never updated or deleted; corrections are new entries.
CREATE OR REPLACE FUNCTION points_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_entries_no_update BEFORE UPDATE OR DELETE ON points_entries FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER points_entries_no_truncate BEFORE TRUNCATE ON points_entries FOR EACH STATEMENT EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER points_lot_consumptions_no_update BEFORE UPDATE OR DELETE ON points_lot_consumptions FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER points_lot_consumptions_no_truncate BEFORE TRUNCATE ON points_lot_consumptions FOR EACH STATEMENT EXECUTE FUNCTION points_ledger_append_only();

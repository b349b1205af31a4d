CREATE TABLE "loyalty_member_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"last_review_year" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_tier_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"member_id" uuid NOT NULL,
	"from_tier_id" uuid NOT NULL,
	"from_code" text NOT NULL,
	"from_name" text NOT NULL,
	"to_tier_id" uuid NOT NULL,
	"to_code" text NOT NULL,
	"to_name" text NOT NULL,
	"reason" text NOT NULL,
	"spend_fen" bigint NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"changed_by_id" uuid,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_tier_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"reviewed" integer DEFAULT 0 NOT NULL,
	"upgraded" integer DEFAULT 0 NOT NULL,
	"downgraded" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"rank" integer NOT NULL,
	"threshold_fen" bigint NOT NULL,
	"benefits" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_card_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"card_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"by_id" uuid,
	"store_id" uuid,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" text NOT NULL,
	"member_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"discount_percent" integer,
	"monthly_points_limit" bigint,
	"monthly_value_limit_fen" bigint,
	"replaces_card_id" uuid,
	"replaced_by_card_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by_id" uuid,
	"issued_store_id" uuid,
	"status_changed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_cards_discount" CHECK ("loyalty_cards"."discount_percent" IS NULL OR "loyalty_cards"."discount_percent" BETWEEN 1 AND 99),
	CONSTRAINT "loyalty_cards_limits" CHECK (coalesce("loyalty_cards"."monthly_points_limit", 0) >= 0 AND coalesce("loyalty_cards"."monthly_value_limit_fen", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "loyalty_family_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"from_account_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"joined_by_id" uuid,
	"joined_store_id" uuid,
	"points_moved" bigint DEFAULT 0 NOT NULL,
	"value_moved_fen" bigint DEFAULT 0 NOT NULL,
	"left_at" timestamp with time zone,
	"left_by_id" uuid,
	"left_store_id" uuid,
	"to_account_id" uuid
);
--> statement-breakpoint
CREATE TABLE "stored_value_balances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"principal_fen" bigint DEFAULT 0 NOT NULL,
	"bonus_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_value_balances_parts" CHECK ("stored_value_balances"."principal_fen" >= 0 AND "stored_value_balances"."bonus_fen" >= 0 AND "stored_value_balances"."balance_fen" = "stored_value_balances"."principal_fen" + "stored_value_balances"."bonus_fen")
);
--> statement-breakpoint
CREATE TABLE "stored_value_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"account_id" uuid NOT NULL,
	"member_id" uuid,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"principal_fen" bigint NOT NULL,
	"bonus_fen" bigint NOT NULL,
	"balance_after_fen" bigint NOT NULL,
	"principal_after_fen" bigint NOT NULL,
	"bonus_after_fen" bigint NOT NULL,
	"method" text,
	"reference" text,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"store_id" uuid,
	"order_id" uuid,
	"note" text,
	"cancels_entry_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_value_entries_parts" CHECK ("stored_value_entries"."amount_fen" = "stored_value_entries"."principal_fen" + "stored_value_entries"."bonus_fen" AND "stored_value_entries"."amount_fen" <> 0),
	CONSTRAINT "stored_value_entries_after" CHECK ("stored_value_entries"."principal_after_fen" >= 0 AND "stored_value_entries"."bonus_after_fen" >= 0 AND "stored_value_entries"."balance_after_fen" = "stored_value_entries"."principal_after_fen" + "stored_value_entries"."bonus_after_fen")
);
--> statement-breakpoint
CREATE TABLE "loyalty_bonus_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"conditions" jsonb NOT NULL,
	"effect" jsonb NOT NULL,
	"stackable" boolean DEFAULT false NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_expiry_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"store_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"points" bigint NOT NULL,
	"channel" text DEFAULT 'sms' NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"redemption_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"redeem_entry_id" uuid NOT NULL,
	"from_store_id" uuid,
	"from_party_id" uuid,
	"from_party_kind" text NOT NULL,
	"to_store_id" uuid,
	"to_party_id" uuid,
	"to_party_kind" text NOT NULL,
	"points" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"points_per_yuan" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loyalty_member_tiers" ADD CONSTRAINT "loyalty_member_tiers_tier_id_loyalty_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."loyalty_tiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_member_tiers_member" ON "loyalty_member_tiers" USING btree ("tenant_id","member_id");--> statement-breakpoint
CREATE INDEX "loyalty_member_tiers_tier" ON "loyalty_member_tiers" USING btree ("tenant_id","tier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_tier_changes_source" ON "loyalty_tier_changes" USING btree ("tenant_id","member_id","source");--> statement-breakpoint
CREATE INDEX "loyalty_tier_changes_member" ON "loyalty_tier_changes" USING btree ("tenant_id","member_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_tier_reviews_year" ON "loyalty_tier_reviews" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_tiers_code" ON "loyalty_tiers" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "loyalty_tiers_rank" ON "loyalty_tiers" USING btree ("tenant_id","rank");--> statement-breakpoint
CREATE INDEX "loyalty_card_events_card" ON "loyalty_card_events" USING btree ("tenant_id","card_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_cards_number" ON "loyalty_cards" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_cards_usable" ON "loyalty_cards" USING btree ("tenant_id","member_id") WHERE "loyalty_cards"."status" IN ('issued', 'active');--> statement-breakpoint
CREATE INDEX "loyalty_cards_member" ON "loyalty_cards" USING btree ("tenant_id","member_id","issued_at");--> statement-breakpoint
CREATE INDEX "loyalty_cards_account" ON "loyalty_cards" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_family_links_open" ON "loyalty_family_links" USING btree ("tenant_id","member_id") WHERE "loyalty_family_links"."left_at" IS NULL;--> statement-breakpoint
CREATE INDEX "loyalty_family_links_account" ON "loyalty_family_links" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stored_value_balances_account" ON "stored_value_balances" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stored_value_entries_source" ON "stored_value_entries" USING btree ("tenant_id","account_id","kind","source_type","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stored_value_entries_cancels" ON "stored_value_entries" USING btree ("tenant_id","cancels_entry_id") WHERE "stored_value_entries"."cancels_entry_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "stored_value_entries_account" ON "stored_value_entries" USING btree ("tenant_id","account_id","seq");--> statement-breakpoint
CREATE INDEX "stored_value_entries_created" ON "stored_value_entries" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "stored_value_entries_store_created" ON "stored_value_entries" USING btree ("tenant_id","store_id","created_at");--> statement-breakpoint
CREATE INDEX "stored_value_entries_member_spends" ON "stored_value_entries" USING btree ("tenant_id","member_id","created_at") WHERE "stored_value_entries"."kind" = 'spend';--> statement-breakpoint
CREATE INDEX "loyalty_bonus_rules_created" ON "loyalty_bonus_rules" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_bonus_rules_in_force" ON "loyalty_bonus_rules" USING btree ("tenant_id","valid_from","valid_to") WHERE "loyalty_bonus_rules"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_expiry_notices_once" ON "loyalty_expiry_notices" USING btree ("tenant_id","account_id","expires_at");--> statement-breakpoint
CREATE INDEX "loyalty_expiry_notices_created" ON "loyalty_expiry_notices" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_expiry_notices_member" ON "loyalty_expiry_notices" USING btree ("tenant_id","member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_settlements_entry_store" ON "loyalty_settlements" USING btree ("tenant_id","entry_id",coalesce("from_store_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "loyalty_settlements_created" ON "loyalty_settlements" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_settlements_from" ON "loyalty_settlements" USING btree ("tenant_id","from_store_id","created_at");--> statement-breakpoint
CREATE INDEX "loyalty_settlements_to" ON "loyalty_settlements" USING btree ("tenant_id","to_store_id","created_at");--> statement-breakpoint
CREATE INDEX "loyalty_settlements_redeem_entry" ON "loyalty_settlements" USING btree ("tenant_id","redeem_entry_id");--> statement-breakpoint
CREATE INDEX "points_entries_created" ON "points_entries" USING btree ("tenant_id","created_at");
--> statement-breakpoint
-- drizzle-custom/loyalty-settlement-append-only.sql
-- Settlement rows between stores are append-only (LOY-7, LOY-8): a cancelled redemption is offset by new rows, never edited.
-- points_ledger_append_only() comes from 0006_loyalty_core.
CREATE TRIGGER loyalty_settlements_no_update BEFORE UPDATE OR DELETE ON loyalty_settlements FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER loyalty_settlements_no_truncate BEFORE TRUNCATE ON loyalty_settlements FOR EACH STATEMENT EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
-- drizzle-custom/loyalty-tier-history-append-only.sql
-- The history of member tiers is append-only (LOY-5): a change is never edited or removed; a correction is a new change.
CREATE OR REPLACE FUNCTION loyalty_tier_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER loyalty_tier_changes_no_update BEFORE UPDATE OR DELETE ON loyalty_tier_changes FOR EACH ROW EXECUTE FUNCTION loyalty_tier_changes_append_only();
--> statement-breakpoint
CREATE TRIGGER loyalty_tier_changes_no_truncate BEFORE TRUNCATE ON loyalty_tier_changes FOR EACH STATEMENT EXECUTE FUNCTION loyalty_tier_changes_append_only();
--> statement-breakpoint
-- drizzle-custom/stored-value-append-only.sql
-- The stored-value ledger is append-only (LOY-8): entries are never updated or deleted; corrections are new entries.
CREATE OR REPLACE FUNCTION stored_value_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stored_value_entries_no_update BEFORE UPDATE OR DELETE ON stored_value_entries FOR EACH ROW EXECUTE FUNCTION stored_value_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER stored_value_entries_no_truncate BEFORE TRUNCATE ON stored_value_entries FOR EACH STATEMENT EXECUTE FUNCTION stored_value_ledger_append_only();

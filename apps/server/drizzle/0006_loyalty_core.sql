CREATE TABLE "loyalty_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text DEFAULT 'individual' NOT NULL,
	"primary_member_id" uuid,
	"balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"store_id" uuid,
	"points" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"threshold" integer NOT NULL,
	"requested_by_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"member_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "loyalty_idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"number" text NOT NULL,
	"join_store_id" uuid,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"enrolled_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_order_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"member_id" uuid,
	"account_id" uuid,
	"store_id" uuid,
	"basis_fen" bigint,
	"points_earned" bigint DEFAULT 0 NOT NULL,
	"earn_entry_id" uuid,
	"earned_at" timestamp with time zone,
	"returned_fen" bigint DEFAULT 0 NOT NULL,
	"points_reversed" bigint DEFAULT 0 NOT NULL,
	"shortfall_points" bigint DEFAULT 0 NOT NULL,
	"returns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"account_id" uuid NOT NULL,
	"member_id" uuid,
	"kind" text NOT NULL,
	"points" bigint NOT NULL,
	"balance_after" bigint NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"store_id" uuid,
	"order_id" uuid,
	"note" text,
	"breakdown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_lot_consumptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"points" bigint NOT NULL,
	"restores_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"points" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "loyalty_accounts_tenant" ON "loyalty_accounts" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "loyalty_adjustments_created" ON "loyalty_adjustments" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_adjustments_pending" ON "loyalty_adjustments" USING btree ("tenant_id","created_at") WHERE "loyalty_adjustments"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "loyalty_consents_member" ON "loyalty_consents" USING btree ("tenant_id","member_id","channel","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_idempotency_keys_key" ON "loyalty_idempotency_keys" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_members_customer" ON "loyalty_members" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_members_number" ON "loyalty_members" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "loyalty_members_created" ON "loyalty_members" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_members_store_created" ON "loyalty_members" USING btree ("tenant_id","join_store_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_members_account" ON "loyalty_members" USING btree ("tenant_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_order_awards_order" ON "loyalty_order_awards" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_programs_tenant" ON "loyalty_programs" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_source" ON "points_entries" USING btree ("tenant_id","account_id","kind","source_type","source_id");--> statement-breakpoint
CREATE INDEX "points_entries_account" ON "points_entries" USING btree ("tenant_id","account_id","seq");--> statement-breakpoint
CREATE INDEX "points_entries_order" ON "points_entries" USING btree ("tenant_id","order_id") WHERE "points_entries"."order_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "points_lot_consumptions_restores" ON "points_lot_consumptions" USING btree ("tenant_id","restores_entry_id") WHERE "points_lot_consumptions"."restores_entry_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "points_lot_consumptions_lot" ON "points_lot_consumptions" USING btree ("tenant_id","lot_id");--> statement-breakpoint
CREATE INDEX "points_lot_consumptions_entry" ON "points_lot_consumptions" USING btree ("tenant_id","entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_lots_entry" ON "points_lots" USING btree ("tenant_id","entry_id");--> statement-breakpoint
CREATE INDEX "points_lots_open" ON "points_lots" USING btree ("tenant_id","account_id","expires_at") WHERE "points_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "points_lots_due" ON "points_lots" USING btree ("tenant_id","expires_at") WHERE "points_lots"."remaining" > 0 AND "points_lots"."expires_at" IS NOT NULL;
--> statement-breakpoint
-- drizzle-custom/loyalty-ledger-append-only.sql
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

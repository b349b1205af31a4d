CREATE TABLE "loyalty_gifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"points_price" integer NOT NULL,
	"stock" integer,
	"active" boolean DEFAULT true NOT NULL,
	"description" text,
	"image_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_gifts_stock" CHECK ("loyalty_gifts"."stock" IS NULL OR "loyalty_gifts"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "loyalty_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"store_id" uuid,
	"kind" text NOT NULL,
	"gift_id" uuid,
	"gift_name" text,
	"quantity" integer,
	"cash_fen" bigint,
	"points" bigint NOT NULL,
	"order_id" uuid,
	"note" text,
	"status" text DEFAULT 'redeemed' NOT NULL,
	"entry_id" uuid,
	"cancel_entry_id" uuid,
	"redeemed_by_id" uuid,
	"redeemed_at" timestamp with time zone NOT NULL,
	"cancelled_by_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "loyalty_gifts_created" ON "loyalty_gifts" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_redemptions_created" ON "loyalty_redemptions" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_redemptions_member" ON "loyalty_redemptions" USING btree ("tenant_id","member_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_redemptions_store" ON "loyalty_redemptions" USING btree ("tenant_id","store_id","created_at","id");
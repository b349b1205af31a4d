CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"entity_type" text,
	"entity_id" uuid,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_assignment_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"sources" text[] DEFAULT '{}' NOT NULL,
	"province_codes" text[] DEFAULT '{}' NOT NULL,
	"city_codes" text[] DEFAULT '{}' NOT NULL,
	"store_ids" uuid[] DEFAULT '{}' NOT NULL,
	"strategy" text NOT NULL,
	"user_ids" uuid[] DEFAULT '{}' NOT NULL,
	"pool_store_id" uuid,
	"last_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_form_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"ip" text NOT NULL,
	"outcome" text NOT NULL,
	"lead_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"default_store_id" uuid,
	"source" text DEFAULT 'website' NOT NULL,
	"campaign" text,
	"allowed_origins" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"e164" text NOT NULL,
	"digits" text NOT NULL,
	"reversed" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"title" text,
	"phones" text[] DEFAULT '{}' NOT NULL,
	"wechat" text,
	"source" text NOT NULL,
	"source_detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"store_id" uuid,
	"assignee_id" uuid,
	"status" text DEFAULT 'new' NOT NULL,
	"province_code" text,
	"city_code" text,
	"district_code" text,
	"address" text,
	"needs" jsonb NOT NULL,
	"notes" text,
	"duplicate_of" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"name_grams" text[] DEFAULT '{}' NOT NULL,
	"assigned_at" timestamp with time zone,
	"assignment_seq" integer DEFAULT 0 NOT NULL,
	"first_contact_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"lost_reason" text,
	"closed_at" timestamp with time zone,
	"converted_customer_id" uuid,
	"converted_opportunity_id" uuid,
	"converted_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_proposal_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"summary" text,
	"amount_fen" bigint,
	"created_by_id" uuid,
	"presented_at" timestamp with time zone,
	"presented_by_id" uuid,
	"answer" text,
	"answered_at" timestamp with time zone,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_name" text,
	"store_id" uuid,
	"owner_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"notes" text,
	"channel" text,
	"visit_type" text,
	"address" text,
	"rooms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"furniture_seen" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"title" text,
	"status" text,
	"status_at" timestamp with time zone,
	"invited_store_id" uuid,
	"invited_for" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"received_by_id" uuid,
	"cancel_reason" text,
	"next_step_text" text,
	"next_step_due_at" timestamp with time zone,
	"next_step_done_at" timestamp with time zone,
	"next_step_done_by_id" uuid,
	"next_step_done_note" text,
	"next_step_notified_due_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"lead_id" uuid,
	"name" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"stage_key" text NOT NULL,
	"probability" integer NOT NULL,
	"probability_overridden" boolean DEFAULT false NOT NULL,
	"expected_close_date" date,
	"owner_id" uuid,
	"store_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"won_at" timestamp with time zone,
	"lost_at" timestamp with time zone,
	"loss_reason" text,
	"loss_note" text,
	"notes" text,
	"last_activity_at" timestamp with time zone NOT NULL,
	"stage_entered_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_loss_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"stalled_days" integer DEFAULT 14 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"from_stage_key" text,
	"to_stage_key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" uuid,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "opportunity_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"probability" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid,
	"period" text NOT NULL,
	"period_kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"won_count" integer,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_targets_amounts" CHECK ("sales_targets"."amount_fen" >= 0 AND ("sales_targets"."won_count" IS NULL OR "sales_targets"."won_count" >= 0)),
	CONSTRAINT "sales_targets_owner" CHECK (("sales_targets"."subject_type" = 'user') = ("sales_targets"."user_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "notifications_user_created" ON "notifications" USING btree ("tenant_id","user_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_dedupe" ON "notifications" USING btree ("tenant_id","user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_unread" ON "notifications" USING btree ("tenant_id","user_id","created_at","id") WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "lead_assignment_rules_position" ON "lead_assignment_rules" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE INDEX "lead_form_submissions_ip" ON "lead_form_submissions" USING btree ("form_id","ip","created_at");--> statement-breakpoint
CREATE INDEX "lead_form_submissions_form" ON "lead_form_submissions" USING btree ("tenant_id","form_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_forms_key" ON "lead_forms" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "lead_phones_lead" ON "lead_phones" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "lead_phones_e164" ON "lead_phones" USING btree ("tenant_id","e164");--> statement-breakpoint
CREATE INDEX "lead_phones_reversed" ON "lead_phones" USING btree ("tenant_id","reversed" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_created" ON "leads" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "leads_store_created" ON "leads" USING btree ("tenant_id","store_id","created_at","id");--> statement-breakpoint
CREATE INDEX "leads_assignee_created" ON "leads" USING btree ("tenant_id","assignee_id","created_at","id");--> statement-breakpoint
CREATE INDEX "leads_assignee_open" ON "leads" USING btree ("tenant_id","assignee_id","status") WHERE status IN ('new', 'following');--> statement-breakpoint
CREATE INDEX "leads_queue" ON "leads" USING btree ("tenant_id","store_id","created_at") WHERE "leads"."assignee_id" IS NULL AND status IN ('new', 'following');--> statement-breakpoint
CREATE INDEX "leads_converted_customer" ON "leads" USING btree ("tenant_id","converted_customer_id") WHERE "leads"."converted_customer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "leads_duplicate_of" ON "leads" USING gin ("duplicate_of" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "leads_grams" ON "leads" USING gin ("name_grams");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_proposal_versions_number" ON "sales_proposal_versions" USING btree ("tenant_id","activity_id","number");--> statement-breakpoint
CREATE INDEX "sales_activities_subject" ON "sales_activities" USING btree ("tenant_id","subject_type","subject_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "sales_activities_store_occurred" ON "sales_activities" USING btree ("tenant_id","store_id","occurred_at");--> statement-breakpoint
CREATE INDEX "sales_activities_owner_due" ON "sales_activities" USING btree ("tenant_id","owner_id","next_step_due_at","id") WHERE next_step_due_at IS NOT NULL AND next_step_done_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_activities_store_due" ON "sales_activities" USING btree ("tenant_id","store_id","next_step_due_at","id") WHERE next_step_due_at IS NOT NULL AND next_step_done_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_activities_owner_done" ON "sales_activities" USING btree ("tenant_id","owner_id","next_step_done_at","id") WHERE next_step_done_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sales_activities_due_unnotified" ON "sales_activities" USING btree ("tenant_id","next_step_due_at") WHERE next_step_due_at IS NOT NULL AND next_step_done_at IS NULL AND next_step_notified_due_at IS DISTINCT FROM next_step_due_at;--> statement-breakpoint
CREATE INDEX "sales_activities_proposals_presented" ON "sales_activities" USING btree ("tenant_id","owner_id","status_at") WHERE kind = 'proposal' AND status = 'presented';--> statement-breakpoint
CREATE INDEX "opportunities_created" ON "opportunities" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "opportunities_store_created" ON "opportunities" USING btree ("tenant_id","store_id","created_at","id");--> statement-breakpoint
CREATE INDEX "opportunities_owner_created" ON "opportunities" USING btree ("tenant_id","owner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "opportunities_customer" ON "opportunities" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "opportunities_lead" ON "opportunities" USING btree ("tenant_id","lead_id") WHERE "opportunities"."lead_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "opportunities_open_stage" ON "opportunities" USING btree ("tenant_id","stage_key","stage_entered_at","id") WHERE "opportunities"."status" = 'open';--> statement-breakpoint
CREATE INDEX "opportunities_open_close" ON "opportunities" USING btree ("tenant_id","expected_close_date") WHERE "opportunities"."status" = 'open';--> statement-breakpoint
CREATE INDEX "opportunities_won_at" ON "opportunities" USING btree ("tenant_id","won_at") WHERE "opportunities"."status" = 'won';--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_loss_reasons_code" ON "opportunity_loss_reasons" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "opportunity_stage_history_opportunity" ON "opportunity_stage_history" USING btree ("tenant_id","opportunity_id","at","seq");--> statement-breakpoint
CREATE INDEX "opportunity_stage_history_stage" ON "opportunity_stage_history" USING btree ("tenant_id","to_stage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_stages_key" ON "opportunity_stages" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "opportunity_stages_position" ON "opportunity_stages" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_targets_subject_period" ON "sales_targets" USING btree ("tenant_id","subject_type","subject_id","period");--> statement-breakpoint
CREATE INDEX "sales_targets_period_unit" ON "sales_targets" USING btree ("tenant_id","period","unit_id");--> statement-breakpoint
CREATE INDEX "sales_targets_created" ON "sales_targets" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_email_lower" ON "customers" USING btree ("tenant_id",lower("email")) WHERE "customers"."email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_tenant_paid" ON "orders" USING btree ("tenant_id","paid_at") WHERE "orders"."paid_at" IS NOT NULL;
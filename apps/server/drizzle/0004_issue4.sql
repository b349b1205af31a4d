CREATE TABLE "scheduler_leases" (
	"scope" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduler_state" (
	"scope" text NOT NULL,
	"name" text NOT NULL,
	"last_slot" timestamp with time zone NOT NULL,
	CONSTRAINT "scheduler_state_scope_name_pk" PRIMARY KEY("scope","name")
);
--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"subscriber" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" uuid,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"code" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"style" text,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"category_id" uuid,
	"series_id" uuid,
	"price_fen" bigint NOT NULL,
	"unit" text DEFAULT '件' NOT NULL,
	"spec" text,
	"material" text,
	"care_instructions" text,
	"maintenance_interval_days" integer,
	"warranty_months" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"lines" jsonb,
	"changes_address" boolean DEFAULT false NOT NULL,
	"delivery_address" text,
	"changes_date" boolean DEFAULT false NOT NULL,
	"delivery_date" date,
	"total_before_fen" bigint NOT NULL,
	"total_after_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid,
	"category_id" uuid,
	"series_id" uuid,
	"series_name" text,
	"sku" text,
	"name" text NOT NULL,
	"unit" text DEFAULT '件' NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"discount_fen" bigint DEFAULT 0 NOT NULL,
	"amount_fen" bigint NOT NULL,
	"returned_quantity" integer DEFAULT 0 NOT NULL,
	"returned_fen" bigint DEFAULT 0 NOT NULL,
	"notes" text,
	CONSTRAINT "order_lines_amounts" CHECK ("order_lines"."quantity" > 0 AND "order_lines"."unit_price_fen" >= 0 AND "order_lines"."discount_fen" >= 0 AND "order_lines"."amount_fen" = "order_lines"."quantity" * "order_lines"."unit_price_fen" - "order_lines"."discount_fen" AND "order_lines"."amount_fen" >= 0),
	CONSTRAINT "order_lines_returned" CHECK ("order_lines"."returned_quantity" >= 0 AND "order_lines"."returned_quantity" <= "order_lines"."quantity" AND "order_lines"."returned_fen" <= "order_lines"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "order_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"reference" text,
	"return_id" uuid,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_payments_amount" CHECK ("order_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "order_return_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "order_return_lines_quantity" CHECK ("order_return_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "order_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"request_id" uuid,
	"reason" text NOT NULL,
	"refund_fen" bigint DEFAULT 0 NOT NULL,
	"payment_id" uuid,
	"created_by" uuid,
	"returned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_no" text NOT NULL,
	"external_id" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_name" text NOT NULL,
	"customer_phone" text,
	"store_id" uuid NOT NULL,
	"salesperson_id" uuid,
	"designer_id" uuid,
	"campaign_id" uuid,
	"lead_id" uuid,
	"opportunity_id" uuid,
	"list_fen" bigint DEFAULT 0 NOT NULL,
	"discount_fen" bigint DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"returned_fen" bigint DEFAULT 0 NOT NULL,
	"delivery_address" text,
	"delivery_date" date,
	"ordered_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_amounts" CHECK ("orders"."total_fen" >= 0 AND "orders"."paid_fen" >= 0 AND "orders"."refunded_fen" >= 0 AND "orders"."returned_fen" >= 0 AND "orders"."returned_fen" <= "orders"."total_fen")
);
--> statement-breakpoint
CREATE TABLE "followup_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"due_today" integer NOT NULL,
	"overdue" integer NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_order_refs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_no" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"salesperson_id" uuid,
	"paid_at" timestamp with time zone,
	"delivery_date" date,
	"delivery_event_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"steps_generated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followup_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_no" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_name" text,
	"store_id" uuid NOT NULL,
	"salesperson_id" uuid,
	"owner_id" uuid,
	"step_key" text NOT NULL,
	"step_name" text NOT NULL,
	"anchor" text NOT NULL,
	"offset_days" integer NOT NULL,
	"time_of_day" text,
	"needs_satisfaction" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	"message_template" text,
	"message" text,
	"due_at" timestamp with time zone,
	"all_day" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"outcome" text,
	"satisfaction" smallint,
	"skipped_at" timestamp with time zone,
	"skipped_by" uuid,
	"skip_reason" text,
	"closed_at" timestamp with time zone,
	"rescheduled_at" timestamp with time zone,
	"reschedule_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "followup_steps_satisfaction" CHECK ("followup_steps"."satisfaction" IS NULL OR "followup_steps"."satisfaction" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "followup_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"anchor" text NOT NULL,
	"offset_days" integer NOT NULL,
	"time_of_day" text,
	"owner_rule" text NOT NULL,
	"owner_user_id" uuid,
	"message" text,
	"needs_satisfaction" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"body" text,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"from_status" text,
	"to_status" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"breach" text NOT NULL,
	"level" integer NOT NULL,
	"cycle" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"to_unit_id" uuid,
	"escalated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"weekdays" integer[] NOT NULL,
	"open_time" text NOT NULL,
	"close_time" text NOT NULL,
	"holidays" text[] DEFAULT '{}' NOT NULL,
	"extra_workdays" text[] DEFAULT '{}' NOT NULL,
	"causes" text[] DEFAULT '{}' NOT NULL,
	"reassign_on_escalation" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"types" text[] DEFAULT '{}' NOT NULL,
	"channels" text[] DEFAULT '{}' NOT NULL,
	"store_ids" uuid[] DEFAULT '{}' NOT NULL,
	"strategy" text NOT NULL,
	"assignee_id" uuid,
	"last_assignee_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"subject" text NOT NULL,
	"description" text,
	"customer_id" uuid,
	"contact_name" text,
	"contact_phone" text,
	"order_id" uuid,
	"product_id" uuid,
	"category_id" uuid,
	"store_id" uuid,
	"assignee_id" uuid,
	"created_by_id" uuid,
	"cause" text,
	"resolution" text,
	"first_response_target_minutes" integer,
	"resolution_target_minutes" integer,
	"escalation_step_minutes" integer,
	"first_response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"first_response_minutes" integer,
	"resolved_at" timestamp with time zone,
	"resolution_minutes" integer,
	"resolution_clock_from" timestamp with time zone NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_minutes" integer DEFAULT 0 NOT NULL,
	"clock_paused_minutes" integer DEFAULT 0 NOT NULL,
	"first_response_escalation" integer DEFAULT 0 NOT NULL,
	"resolution_escalation" integer DEFAULT 0 NOT NULL,
	"escalated_to_id" uuid,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"satisfaction" integer,
	"customer_comment" text,
	"return_lines" jsonb,
	"refund_fen" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" text,
	"priority" text,
	"first_response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	"escalation_step_minutes" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_article_search" (
	"article_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title_text" text NOT NULL,
	"key_text" text NOT NULL,
	"all_text" text NOT NULL,
	"grams" text[] NOT NULL,
	"key_grams" text[] NOT NULL,
	"title_grams" text[] NOT NULL,
	"pinyin" text NOT NULL,
	"initials" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"category_id" uuid,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"product_category_ids" uuid[] DEFAULT '{}' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text,
	"updated_by" uuid,
	"updated_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_service_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"code_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "self_service_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_service_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"customer_id" uuid,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "self_service_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "self_service_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"purpose" text NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"customer_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider" text,
	"provider_ref" text,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "jobs_status";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "max_attempts" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "run_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_id_outbox_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."outbox_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_deliveries_once" ON "event_deliveries" USING btree ("event_id","subscriber");--> statement-breakpoint
CREATE INDEX "event_deliveries_due" ON "event_deliveries" USING btree ("available_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "event_deliveries_tenant" ON "event_deliveries" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "outbox_events_tenant" ON "outbox_events" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "outbox_events_aggregate" ON "outbox_events" USING btree ("tenant_id","aggregate_type","aggregate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_categories_sibling_name" ON "product_categories" USING btree ("tenant_id",coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),"name");--> statement-breakpoint
CREATE UNIQUE INDEX "product_categories_code" ON "product_categories" USING btree ("tenant_id","code") WHERE "product_categories"."code" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "product_categories_parent" ON "product_categories" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_series_name" ON "product_series" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "product_series_code" ON "product_series" USING btree ("tenant_id","code") WHERE "product_series"."code" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "products_tenant_sku" ON "products" USING btree ("tenant_id","sku");--> statement-breakpoint
CREATE INDEX "products_tenant_category" ON "products" USING btree ("tenant_id","category_id","sku");--> statement-breakpoint
CREATE INDEX "products_tenant_series" ON "products" USING btree ("tenant_id","series_id","sku");--> statement-breakpoint
CREATE INDEX "products_name_trgm" ON "products" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "order_changes_order" ON "order_changes" USING btree ("tenant_id","order_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_changes_one_open" ON "order_changes" USING btree ("tenant_id","order_id") WHERE "order_changes"."status" = 'requested';--> statement-breakpoint
CREATE INDEX "order_lines_order" ON "order_lines" USING btree ("tenant_id","order_id","position");--> statement-breakpoint
CREATE INDEX "order_lines_product" ON "order_lines" USING btree ("tenant_id","product_id");--> statement-breakpoint
CREATE INDEX "order_payments_order" ON "order_payments" USING btree ("tenant_id","order_id","paid_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_payments_reference" ON "order_payments" USING btree ("tenant_id","order_id","reference") WHERE "order_payments"."reference" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "order_return_lines_return" ON "order_return_lines" USING btree ("tenant_id","return_id");--> statement-breakpoint
CREATE INDEX "order_returns_order" ON "order_returns" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_returns_request" ON "order_returns" USING btree ("tenant_id","request_id") WHERE "order_returns"."request_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_tenant_no" ON "orders" USING btree ("tenant_id","order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_tenant_external" ON "orders" USING btree ("tenant_id","external_id") WHERE "orders"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_tenant_ordered" ON "orders" USING btree ("tenant_id","ordered_at","id");--> statement-breakpoint
CREATE INDEX "orders_tenant_store_ordered" ON "orders" USING btree ("tenant_id","store_id","ordered_at","id");--> statement-breakpoint
CREATE INDEX "orders_tenant_sales_ordered" ON "orders" USING btree ("tenant_id","salesperson_id","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_tenant_customer" ON "orders" USING btree ("tenant_id","customer_id","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_tenant_status" ON "orders" USING btree ("tenant_id","status","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_no_pattern" ON "orders" USING btree ("tenant_id","order_no" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_customer_name_trgm" ON "orders" USING gin ("customer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orders_customer_phone_trgm" ON "orders" USING gin ("customer_phone" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "followup_digests_user_day" ON "followup_digests" USING btree ("tenant_id","user_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_order_refs_order" ON "followup_order_refs" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_steps_order_key" ON "followup_steps" USING btree ("tenant_id","order_id","step_key");--> statement-breakpoint
CREATE INDEX "followup_steps_pending_due" ON "followup_steps" USING btree ("tenant_id","due_at","id") WHERE "followup_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "followup_steps_pending_store_due" ON "followup_steps" USING btree ("tenant_id","store_id","due_at","id") WHERE "followup_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "followup_steps_pending_owner_due" ON "followup_steps" USING btree ("tenant_id","owner_id","due_at","id") WHERE "followup_steps"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "followup_steps_closed" ON "followup_steps" USING btree ("tenant_id","closed_at","id") WHERE "followup_steps"."status" <> 'pending';--> statement-breakpoint
CREATE INDEX "followup_steps_tenant_created" ON "followup_steps" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "followup_templates_tenant_key" ON "followup_templates" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "service_request_activities_request" ON "service_request_activities" USING btree ("tenant_id","request_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "service_request_escalations_once" ON "service_request_escalations" USING btree ("tenant_id","request_id","breach","cycle","level");--> statement-breakpoint
CREATE INDEX "service_request_escalations_time" ON "service_request_escalations" USING btree ("tenant_id","escalated_at");--> statement-breakpoint
CREATE INDEX "request_routing_rules_position" ON "request_routing_rules" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_number" ON "service_requests" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "service_requests_created" ON "service_requests" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_store_created" ON "service_requests" USING btree ("tenant_id","store_id","created_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_assignee" ON "service_requests" USING btree ("tenant_id","assignee_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_customer" ON "service_requests" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_escalated_to" ON "service_requests" USING btree ("tenant_id","escalated_to_id") WHERE "service_requests"."escalated_to_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "service_requests_fr_due" ON "service_requests" USING btree ("tenant_id","first_response_due_at") WHERE "service_requests"."first_response_at" IS NULL AND status IN ('new', 'assigned', 'in_progress', 'awaiting_customer');--> statement-breakpoint
CREATE INDEX "service_requests_res_due" ON "service_requests" USING btree ("tenant_id","resolution_due_at") WHERE "service_requests"."resolved_at" IS NULL AND status IN ('new', 'assigned', 'in_progress', 'awaiting_customer');--> statement-breakpoint
CREATE UNIQUE INDEX "request_sla_policies_key" ON "request_sla_policies" USING btree ("tenant_id",coalesce("type", ''),coalesce("priority", ''));--> statement-breakpoint
CREATE INDEX "knowledge_search_tenant" ON "knowledge_article_search" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "knowledge_search_grams" ON "knowledge_article_search" USING gin ("grams");--> statement-breakpoint
CREATE INDEX "knowledge_search_key_grams" ON "knowledge_article_search" USING gin ("key_grams");--> statement-breakpoint
CREATE INDEX "knowledge_search_pinyin" ON "knowledge_article_search" USING gin ("pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "knowledge_search_initials" ON "knowledge_article_search" USING gin ("initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "knowledge_articles_tenant_updated" ON "knowledge_articles" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "knowledge_articles_tenant_category" ON "knowledge_articles" USING btree ("tenant_id","category_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "knowledge_articles_public" ON "knowledge_articles" USING btree ("tenant_id","updated_at","id") WHERE "knowledge_articles"."status" = 'published' AND "knowledge_articles"."visibility" = 'public';--> statement-breakpoint
CREATE INDEX "knowledge_articles_tags" ON "knowledge_articles" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "knowledge_categories_tenant_parent" ON "knowledge_categories" USING btree ("tenant_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "self_service_codes_recipient" ON "self_service_codes" USING btree ("tenant_id","recipient","created_at");--> statement-breakpoint
CREATE INDEX "self_service_codes_ip" ON "self_service_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "self_service_failures_ip" ON "self_service_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "self_service_sessions_recipient" ON "self_service_sessions" USING btree ("tenant_id","recipient");--> statement-breakpoint
CREATE INDEX "self_service_submissions_customer" ON "self_service_submissions" USING btree ("tenant_id","customer_id","at");--> statement-breakpoint
CREATE INDEX "outbound_messages_tenant_created" ON "outbound_messages" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "outbound_messages_recipient" ON "outbound_messages" USING btree ("tenant_id","recipient","created_at");--> statement-breakpoint
CREATE INDEX "outbound_messages_customer" ON "outbound_messages" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "jobs_running" ON "jobs" USING btree ("heartbeat_at") WHERE status = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe" ON "jobs" USING btree ("tenant_id","dedupe_key");
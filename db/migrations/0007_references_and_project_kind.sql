CREATE TABLE "reference_track" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"sha256" text NOT NULL,
	"name" text NOT NULL,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"sample_rate" integer NOT NULL,
	"channels" integer NOT NULL,
	"duration_sec" double precision NOT NULL,
	"integrated_lufs" double precision,
	"true_peak_dbtp" double precision,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "kind" text DEFAULT 'mix' NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_track" ADD CONSTRAINT "reference_track_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_track" ADD CONSTRAINT "reference_track_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_track_project_idx" ON "reference_track" USING btree ("project_id");
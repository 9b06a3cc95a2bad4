CREATE TABLE "stem" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"sample_rate" integer NOT NULL,
	"source_sample_rate" integer NOT NULL,
	"channels" integer NOT NULL,
	"frames" bigint NOT NULL,
	"duration_sec" double precision NOT NULL,
	"bytes" bigint NOT NULL,
	"analysis" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stem" ADD CONSTRAINT "stem_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stem" ADD CONSTRAINT "stem_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stem_project_idx" ON "stem" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "stem_sha_idx" ON "stem" USING btree ("sha256");
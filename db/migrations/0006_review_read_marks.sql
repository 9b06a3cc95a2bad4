CREATE TABLE "review_read_mark" (
	"user_id" text NOT NULL,
	"project_id" text NOT NULL,
	"scope" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_read_mark_user_id_project_id_scope_pk" PRIMARY KEY("user_id","project_id","scope")
);
--> statement-breakpoint
ALTER TABLE "review_read_mark" ADD CONSTRAINT "review_read_mark_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_read_mark" ADD CONSTRAINT "review_read_mark_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "doc_client" (
	"project_id" text NOT NULL,
	"client_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doc_client_project_id_client_id_pk" PRIMARY KEY("project_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "doc_client" ADD CONSTRAINT "doc_client_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_client" ADD CONSTRAINT "doc_client_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "brand_logos" (
	"hash" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brands" (
	"scope" text PRIMARY KEY NOT NULL,
	"product_name" text,
	"logo_hash" text,
	"accent_color" text,
	"support_email" text,
	"support_url" text,
	"privacy_url" text,
	"terms_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

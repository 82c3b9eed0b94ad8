-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('submitted', 'rejected', 'duplicate', 'assigned', 'accepted', 'rectified', 'closed');

-- CreateEnum
CREATE TYPE "ReportPhotoKind" AS ENUM ('before', 'after');

-- CreateEnum
CREATE TYPE "ReportEventKind" AS ENUM ('submitted', 'rejected', 'marked_duplicate', 'assigned', 'accepted', 'rectified', 'sent_back', 'closed');

-- CreateTable
CREATE TABLE "report_category" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(20) NOT NULL,
    "deadline_days" INTEGER NOT NULL DEFAULT 3,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload" (
    "id" VARCHAR(32) NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "mime" VARCHAR(20) NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "sha256" VARCHAR(64) NOT NULL,
    "storage_key" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report" (
    "id" SERIAL NOT NULL,
    "reporter_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "community_id" INTEGER NOT NULL,
    "address" VARCHAR(100) NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'submitted',
    "unit_id" INTEGER,
    "deadline" TIMESTAMPTZ(3),
    "instruction" VARCHAR(500),
    "duplicate_of_id" INTEGER,
    "rectified_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_photo" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "upload_id" VARCHAR(32) NOT NULL,
    "kind" "ReportPhotoKind" NOT NULL,
    "event_id" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "report_photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_event" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "kind" "ReportEventKind" NOT NULL,
    "from_status" "ReportStatus",
    "to_status" "ReportStatus" NOT NULL,
    "actor_id" INTEGER NOT NULL,
    "note" VARCHAR(500),
    "unit_id" INTEGER,
    "deadline" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "report_category_name_key" ON "report_category"("name");

-- CreateIndex
CREATE INDEX "upload_owner_id_created_at_idx" ON "upload"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "upload_sha256_created_at_idx" ON "upload"("sha256", "created_at");

-- CreateIndex
CREATE INDEX "report_reporter_id_created_at_idx" ON "report"("reporter_id", "created_at");

-- CreateIndex
CREATE INDEX "report_status_deadline_idx" ON "report"("status", "deadline");

-- CreateIndex
CREATE INDEX "report_unit_id_status_idx" ON "report"("unit_id", "status");

-- CreateIndex
CREATE INDEX "report_community_id_created_at_idx" ON "report"("community_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_photo_upload_id_key" ON "report_photo"("upload_id");

-- CreateIndex
CREATE INDEX "report_photo_report_id_kind_idx" ON "report_photo"("report_id", "kind");

-- CreateIndex
CREATE INDEX "report_event_report_id_created_at_idx" ON "report_event"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "report_event_unit_id_kind_created_at_idx" ON "report_event"("unit_id", "kind", "created_at");

-- AddForeignKey
ALTER TABLE "upload" ADD CONSTRAINT "upload_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "report_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_duplicate_of_id_fkey" FOREIGN KEY ("duplicate_of_id") REFERENCES "report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_photo" ADD CONSTRAINT "report_photo_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_photo" ADD CONSTRAINT "report_photo_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_photo" ADD CONSTRAINT "report_photo_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "report_event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express (added by hand)
ALTER TABLE "report_category" ADD CONSTRAINT "report_category_deadline_check" CHECK ("deadline_days" BETWEEN 1 AND 90);
ALTER TABLE "upload" ADD CONSTRAINT "upload_size_check" CHECK ("size" > 0 AND "mime" IN ('image/jpeg', 'image/png', 'image/webp'));
ALTER TABLE "report" ADD CONSTRAINT "report_assignment_check" CHECK (
  ("status" IN ('submitted', 'rejected', 'duplicate') OR ("unit_id" IS NOT NULL AND "deadline" IS NOT NULL))
  AND ("status" <> 'duplicate' OR "duplicate_of_id" IS NOT NULL)
  AND ("duplicate_of_id" IS NULL OR "duplicate_of_id" <> "id")
  AND "version" >= 0
);

-- The report's history is append-only: a step is a new row, never an edit
CREATE FUNCTION "report_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_event is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "report_event_no_update" BEFORE UPDATE OR DELETE ON "report_event"
  FOR EACH ROW EXECUTE FUNCTION "report_event_append_only"();

-- The default categories (the office can rename, reorder, deactivate and add)
INSERT INTO "report_category" ("name", "deadline_days", "sort_order", "updated_at") VALUES
  ('乱停乱放', 1, 1, CURRENT_TIMESTAMP),
  ('占道经营', 3, 2, CURRENT_TIMESTAMP),
  ('垃圾堆放', 2, 3, CURRENT_TIMESTAMP),
  ('设施损坏', 7, 4, CURRENT_TIMESTAMP),
  ('不文明行为', 3, 5, CURRENT_TIMESTAMP),
  ('其他', 3, 6, CURRENT_TIMESTAMP);

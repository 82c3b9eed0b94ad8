-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('activity_cancelled', 'waitlist_promoted', 'activity_changed');

-- AlterTable
ALTER TABLE "activity" ADD COLUMN     "required_headcount" INTEGER,
ADD COLUMN     "schedule_id" INTEGER,
ADD COLUMN     "waitlist_enabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "suspension_lifted_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "schedule" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "type_id" INTEGER NOT NULL,
    "title" VARCHAR(60) NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "weekday" INTEGER NOT NULL,
    "start_time" VARCHAR(5) NOT NULL,
    "end_time" VARCHAR(5) NOT NULL,
    "community_id" INTEGER NOT NULL,
    "address" VARCHAR(100) NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "radius_m" INTEGER NOT NULL DEFAULT 500,
    "required_headcount" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "weeks_ahead" INTEGER NOT NULL DEFAULT 4,
    "created_by_id" INTEGER NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notice" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "activity_id" INTEGER,
    "title" VARCHAR(100) NOT NULL,
    "body" VARCHAR(500) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "schedule_unit_id_idx" ON "schedule"("unit_id");

-- CreateIndex
CREATE INDEX "notice_user_id_created_at_idx" ON "notice"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "activity_schedule_id_start_at_key" ON "activity"("schedule_id", "start_at");

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_type_id_fkey" FOREIGN KEY ("type_id") REFERENCES "activity_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express (added by hand)
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7);
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_times_check" CHECK ("start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "end_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "end_time" > "start_time");
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_headcount_check" CHECK ("required_headcount" > 0 AND "capacity" >= "required_headcount");
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_weeks_ahead_check" CHECK ("weeks_ahead" BETWEEN 1 AND 12);
ALTER TABLE "activity" ADD CONSTRAINT "activity_required_headcount_check" CHECK ("required_headcount" IS NULL OR "required_headcount" > 0);

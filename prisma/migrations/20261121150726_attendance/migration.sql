-- CreateEnum
CREATE TYPE "AttendanceEventKind" AS ENUM ('check_in', 'check_out', 'walk_in', 'manual', 'approved', 'rejected', 'no_show', 'closed_by_organiser');

-- AlterTable
ALTER TABLE "attendance" ADD COLUMN     "credited_points" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "attendance_event" (
    "id" SERIAL NOT NULL,
    "attendance_id" INTEGER NOT NULL,
    "kind" "AttendanceEventKind" NOT NULL,
    "actor_id" INTEGER,
    "reason" VARCHAR(200),
    "check_in_at" TIMESTAMPTZ(3),
    "check_out_at" TIMESTAMPTZ(3),
    "hours" DECIMAL(6,1),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate" (
    "id" SERIAL NOT NULL,
    "number" VARCHAR(32) NOT NULL,
    "user_id" INTEGER NOT NULL,
    "from_date" VARCHAR(10) NOT NULL,
    "to_date" VARCHAR(10) NOT NULL,
    "hours" DECIMAL(8,1) NOT NULL,
    "issued_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "attendance_event_attendance_id_idx" ON "attendance_event"("attendance_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_number_key" ON "certificate"("number");

-- CreateIndex
CREATE INDEX "certificate_user_id_idx" ON "certificate"("user_id");

-- AddForeignKey
ALTER TABLE "attendance_event" ADD CONSTRAINT "attendance_event_attendance_id_fkey" FOREIGN KEY ("attendance_id") REFERENCES "attendance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express (added by hand)
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_credit_check" CHECK ("credited_points" >= 0 AND "revision" >= 0);
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_dates_check" CHECK ("from_date" <= "to_date" AND "hours" >= 0);

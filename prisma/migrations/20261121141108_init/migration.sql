-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('male', 'female');

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('everyone', 'community_residents', 'unit_staff');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('published', 'cancelled', 'closed');

-- CreateEnum
CREATE TYPE "SignupStatus" AS ENUM ('confirmed', 'waitlisted', 'cancelled');

-- CreateEnum
CREATE TYPE "AttendanceSource" AS ENUM ('scan', 'walk_in', 'manual');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('approved', 'pending', 'rejected', 'no_show');

-- CreateEnum
CREATE TYPE "PointsSource" AS ENUM ('attendance', 'report', 'redemption', 'adjustment');

-- CreateTable
CREATE TABLE "community" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "street" VARCHAR(50),
    "district" VARCHAR(50),
    "resident_population" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "community_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "headcount" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pairing" (
    "id" SERIAL NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "community_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "openid" VARCHAR(64) NOT NULL,
    "unionid" VARCHAR(64),
    "session_key_enc" TEXT,
    "real_name" VARCHAR(20),
    "gender" "Gender",
    "birth_year" INTEGER,
    "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "community_id" INTEGER,
    "unit_id" INTEGER,
    "phone_enc" TEXT,
    "phone_hash" VARCHAR(64),
    "id_number_enc" TEXT,
    "id_number_hash" VARCHAR(64),
    "id_consent_at" TIMESTAMPTZ(3),
    "is_office" BOOLEAN NOT NULL DEFAULT false,
    "profile_completed_at" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organiser_role" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "unit_id" INTEGER,
    "community_id" INTEGER,
    "granted_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organiser_role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organiser_invitation" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "unit_id" INTEGER,
    "community_id" INTEGER,
    "created_by_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "redeemed_by_id" INTEGER,
    "redeemed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organiser_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_type" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(20) NOT NULL,
    "duty" BOOLEAN NOT NULL DEFAULT false,
    "points_per_hour" DECIMAL(8,2) NOT NULL DEFAULT 10,
    "max_hours_per_activity" DECIMAL(5,1),
    "max_points_per_day" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity" (
    "id" SERIAL NOT NULL,
    "short_key" VARCHAR(16) NOT NULL,
    "title" VARCHAR(60) NOT NULL,
    "type_id" INTEGER NOT NULL,
    "description" VARCHAR(2000) NOT NULL DEFAULT '',
    "organiser_unit_id" INTEGER,
    "organiser_community_id" INTEGER,
    "community_id" INTEGER NOT NULL,
    "address" VARCHAR(100) NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "radius_m" INTEGER NOT NULL DEFAULT 500,
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "end_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "signup_deadline" TIMESTAMPTZ(3) NOT NULL,
    "allow_walk_in" BOOLEAN NOT NULL DEFAULT false,
    "audience" "Audience" NOT NULL DEFAULT 'everyone',
    "status" "ActivityStatus" NOT NULL DEFAULT 'published',
    "cancel_reason" VARCHAR(200),
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signup" (
    "id" SERIAL NOT NULL,
    "activity_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "status" "SignupStatus" NOT NULL,
    "queue_seq" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "signup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" SERIAL NOT NULL,
    "activity_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "source" "AttendanceSource" NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "check_in_at" TIMESTAMPTZ(3),
    "check_out_at" TIMESTAMPTZ(3),
    "hours" DECIMAL(6,1) NOT NULL DEFAULT 0,
    "reason" VARCHAR(200),
    "recorded_by_id" INTEGER,
    "approved_by_id" INTEGER,
    "approved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "points_entry" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "source_type" "PointsSource" NOT NULL,
    "source_id" VARCHAR(64),
    "dedupe_key" VARCHAR(100),
    "actor_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "points_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "community_name_key" ON "community"("name");

-- CreateIndex
CREATE UNIQUE INDEX "unit_name_key" ON "unit"("name");

-- CreateIndex
CREATE INDEX "pairing_community_id_idx" ON "pairing"("community_id");

-- CreateIndex
CREATE UNIQUE INDEX "pairing_unit_id_community_id_key" ON "pairing"("unit_id", "community_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_openid_key" ON "app_user"("openid");

-- CreateIndex
CREATE INDEX "app_user_community_id_idx" ON "app_user"("community_id");

-- CreateIndex
CREATE INDEX "app_user_unit_id_idx" ON "app_user"("unit_id");

-- CreateIndex
CREATE INDEX "app_user_phone_hash_idx" ON "app_user"("phone_hash");

-- CreateIndex
CREATE UNIQUE INDEX "organiser_role_user_id_unit_id_key" ON "organiser_role"("user_id", "unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "organiser_role_user_id_community_id_key" ON "organiser_role"("user_id", "community_id");

-- CreateIndex
CREATE UNIQUE INDEX "organiser_invitation_code_key" ON "organiser_invitation"("code");

-- CreateIndex
CREATE UNIQUE INDEX "activity_type_name_key" ON "activity_type"("name");

-- CreateIndex
CREATE UNIQUE INDEX "activity_short_key_key" ON "activity"("short_key");

-- CreateIndex
CREATE INDEX "activity_start_at_idx" ON "activity"("start_at");

-- CreateIndex
CREATE INDEX "activity_community_id_start_at_idx" ON "activity"("community_id", "start_at");

-- CreateIndex
CREATE INDEX "activity_organiser_unit_id_start_at_idx" ON "activity"("organiser_unit_id", "start_at");

-- CreateIndex
CREATE INDEX "signup_user_id_status_idx" ON "signup"("user_id", "status");

-- CreateIndex
CREATE INDEX "signup_activity_id_status_queue_seq_idx" ON "signup"("activity_id", "status", "queue_seq");

-- CreateIndex
CREATE UNIQUE INDEX "signup_activity_id_user_id_key" ON "signup"("activity_id", "user_id");

-- CreateIndex
CREATE INDEX "attendance_user_id_status_idx" ON "attendance"("user_id", "status");

-- CreateIndex
CREATE INDEX "attendance_check_in_at_idx" ON "attendance"("check_in_at");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_activity_id_user_id_key" ON "attendance"("activity_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "points_entry_dedupe_key_key" ON "points_entry"("dedupe_key");

-- CreateIndex
CREATE INDEX "points_entry_user_id_created_at_idx" ON "points_entry"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "pairing" ADD CONSTRAINT "pairing_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pairing" ADD CONSTRAINT "pairing_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_role" ADD CONSTRAINT "organiser_role_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_role" ADD CONSTRAINT "organiser_role_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_role" ADD CONSTRAINT "organiser_role_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_role" ADD CONSTRAINT "organiser_role_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_invitation" ADD CONSTRAINT "organiser_invitation_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_invitation" ADD CONSTRAINT "organiser_invitation_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_invitation" ADD CONSTRAINT "organiser_invitation_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organiser_invitation" ADD CONSTRAINT "organiser_invitation_redeemed_by_id_fkey" FOREIGN KEY ("redeemed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_type_id_fkey" FOREIGN KEY ("type_id") REFERENCES "activity_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_organiser_unit_id_fkey" FOREIGN KEY ("organiser_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_organiser_community_id_fkey" FOREIGN KEY ("organiser_community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signup" ADD CONSTRAINT "signup_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signup" ADD CONSTRAINT "signup_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express (added by hand)
ALTER TABLE "community" ADD CONSTRAINT "community_resident_population_check" CHECK ("resident_population" IS NULL OR "resident_population" >= 0);
ALTER TABLE "unit" ADD CONSTRAINT "unit_headcount_check" CHECK ("headcount" >= 0);
ALTER TABLE "organiser_role" ADD CONSTRAINT "organiser_role_one_target_check" CHECK (num_nonnulls("unit_id", "community_id") = 1);
ALTER TABLE "organiser_invitation" ADD CONSTRAINT "organiser_invitation_one_target_check" CHECK (num_nonnulls("unit_id", "community_id") = 1);
ALTER TABLE "organiser_invitation" ADD CONSTRAINT "organiser_invitation_redeemed_check" CHECK (("redeemed_by_id" IS NULL) = ("redeemed_at" IS NULL));
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_birth_year_check" CHECK ("birth_year" IS NULL OR "birth_year" BETWEEN 1900 AND 2100);
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_id_consent_check" CHECK ("id_number_enc" IS NULL OR "id_consent_at" IS NOT NULL);
ALTER TABLE "activity_type" ADD CONSTRAINT "activity_type_rule_check" CHECK ("points_per_hour" >= 0 AND ("max_hours_per_activity" IS NULL OR "max_hours_per_activity" > 0) AND ("max_points_per_day" IS NULL OR "max_points_per_day" >= 0));
ALTER TABLE "activity" ADD CONSTRAINT "activity_one_organiser_check" CHECK (num_nonnulls("organiser_unit_id", "organiser_community_id") = 1);
ALTER TABLE "activity" ADD CONSTRAINT "activity_time_check" CHECK ("end_at" > "start_at" AND "signup_deadline" <= "end_at");
ALTER TABLE "activity" ADD CONSTRAINT "activity_capacity_check" CHECK ("capacity" > 0);
ALTER TABLE "activity" ADD CONSTRAINT "activity_radius_check" CHECK ("radius_m" BETWEEN 10 AND 50000);
ALTER TABLE "activity" ADD CONSTRAINT "activity_location_check" CHECK ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180);
ALTER TABLE "signup" ADD CONSTRAINT "signup_queue_check" CHECK (("status" = 'waitlisted') = ("queue_seq" IS NOT NULL));
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_times_check" CHECK ("check_out_at" IS NULL OR ("check_in_at" IS NOT NULL AND "check_out_at" >= "check_in_at"));
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_hours_check" CHECK ("hours" >= 0);
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_manual_reason_check" CHECK ("source" = 'scan' OR "reason" IS NOT NULL OR "recorded_by_id" IS NULL);
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_amount_check" CHECK ("amount" <> 0);

-- Waitlist order comes from one sequence (ties impossible under concurrency)
CREATE SEQUENCE "signup_queue_seq";

-- The points ledger is append-only: no UPDATE or DELETE, whoever asks
CREATE FUNCTION "points_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_entry is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "points_entry_no_update" BEFORE UPDATE OR DELETE ON "points_entry"
  FOR EACH ROW EXECUTE FUNCTION "points_entry_append_only"();

-- CreateIndex
CREATE INDEX "attendance_activity_id_status_user_id_hours_idx" ON "attendance"("activity_id", "status", "user_id", "hours");

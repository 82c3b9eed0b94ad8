-- CreateIndex
CREATE INDEX "attendance_user_id_status_activity_id_hours_idx" ON "attendance"("user_id", "status", "activity_id", "hours");

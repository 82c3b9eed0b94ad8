-- Check-in by scanning, in one call (server/src/modules/attendance/scan.ts, checkIn): the
-- activity is read; the caller (who must exist and not be disabled), the window, the fence
-- (the haversine of shared/rules.ts, rounded to the metre) and the registration are checked;
-- and the attendance with its audit event is inserted — or nothing is, and the row returned
-- says why. A function so that its statement is planned once per connection (a plpgsql plan
-- is kept for the session), not on every scan of a burst: planning the statement cost about
-- three times as much database CPU as running it.
--
-- One statement, one snapshot: a retry or double scan meets the unique (activity, person)
-- key (ON CONFLICT DO NOTHING) and gets the stored row, or no row when the concurrent insert
-- that won is not visible yet (the caller reads it back).
--
-- Returns no row when there is no such activity (or no such caller); otherwise one row:
-- the activity, the caller's sign-up and attendance as they stand, and new_id / new_source /
-- new_status of the attendance this call inserted (null when it inserted none).
CREATE FUNCTION "civic_check_in"(
  p_activity integer, p_key text, p_user integer, p_now timestamptz, p_opens_by timestamptz,
  p_latitude double precision, p_longitude double precision
)
RETURNS TABLE (
  id integer, title text, status text, start_at timestamptz, end_at timestamptz,
  latitude double precision, longitude double precision, radius_m integer, allow_walk_in boolean,
  type_id integer, points_per_hour double precision, max_hours_per_activity double precision,
  max_points_per_day integer, signup_status text, attendance_id integer, check_in_at timestamptz,
  check_out_at timestamptz, att_status text, revision integer, address text, duty boolean,
  user_name text, user_phone_enc text, caller_disabled boolean, source text, hours double precision,
  credited_points integer, reason text, recorded_by_id integer, recorded_by_name text,
  approved_by_id integer, approved_by_name text, new_id integer, new_source text, new_status text
)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH a AS (
    SELECT * FROM activity WHERE activity.id = p_activity OR activity.short_key = p_key LIMIT 1
  ), me AS (
    SELECT u.real_name, u.phone_enc, u.disabled_at FROM app_user u WHERE u.id = p_user
  ), s AS (
    SELECT s.status FROM signup s JOIN a ON s.activity_id = a.id WHERE s.user_id = p_user
  ), ins AS (
    INSERT INTO attendance (activity_id, user_id, source, status, check_in_at, updated_at)
    SELECT a.id, p_user,
           (CASE WHEN s.status = 'confirmed' THEN 'scan' ELSE 'walk_in' END)::"AttendanceSource",
           (CASE WHEN s.status = 'confirmed' THEN 'approved' ELSE 'pending' END)::"AttendanceStatus",
           p_now, now()
    FROM a JOIN me ON me.disabled_at IS NULL LEFT JOIN s ON true
    WHERE a.status <> 'cancelled' AND a.start_at <= p_opens_by AND a.end_at >= p_now
      AND round(2 * 6371008.8 * asin(least(1, sqrt(
            power(sin(radians(a.latitude - p_latitude) / 2), 2)
            + cos(radians(p_latitude)) * cos(radians(a.latitude)) * power(sin(radians(a.longitude - p_longitude) / 2), 2)
          )))) <= a.radius_m
      AND (s.status = 'confirmed' OR a.allow_walk_in)
    ON CONFLICT (activity_id, user_id) DO NOTHING
    RETURNING attendance.id, attendance.source, attendance.status
  ), ev AS (
    INSERT INTO attendance_event (attendance_id, kind, actor_id, check_in_at)
    SELECT ins.id, (CASE WHEN ins.source = 'walk_in' THEN 'walk_in' ELSE 'check_in' END)::"AttendanceEventKind", p_user, p_now
    FROM ins
  )
  SELECT a.id, a.title::text, a.status::text, a.start_at, a.end_at, a.latitude, a.longitude, a.radius_m,
         a.allow_walk_in, a.type_id, t.points_per_hour::float8, t.max_hours_per_activity::float8, t.max_points_per_day,
         s.status::text, x.id, x.check_in_at, x.check_out_at, x.status::text, x.revision, a.address::text, t.duty,
         me.real_name::text, me.phone_enc, me.disabled_at IS NOT NULL, x.source::text, x.hours::float8, x.credited_points,
         x.reason::text, rb.id, rb.real_name::text, ab.id, ab.real_name::text,
         ins.id, ins.source::text, ins.status::text
  FROM a
  JOIN activity_type t ON t.id = a.type_id
  JOIN me ON true
  LEFT JOIN s ON true
  LEFT JOIN ins ON true
  LEFT JOIN attendance x ON ins.id IS NULL AND x.activity_id = a.id AND x.user_id = p_user
  LEFT JOIN app_user rb ON rb.id = x.recorded_by_id
  LEFT JOIN app_user ab ON ab.id = x.approved_by_id;
END $$;

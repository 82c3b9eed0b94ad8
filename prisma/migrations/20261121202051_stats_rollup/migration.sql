-- CreateTable
CREATE TABLE "attendance_days" (
    "user_id" INTEGER NOT NULL,
    "first_day" DATE,
    "volunteer_days" VARBIT NOT NULL DEFAULT '',
    "any_days" VARBIT NOT NULL DEFAULT '',

    CONSTRAINT "attendance_days_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "hours_by_day" (
    "id" BIGSERIAL NOT NULL,
    "scope" CHAR(1) NOT NULL,
    "scope_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "volunteer_hours" DECIMAL(12,1) NOT NULL DEFAULT 0,
    "duty_hours" DECIMAL(12,1) NOT NULL DEFAULT 0,

    CONSTRAINT "hours_by_day_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "hours_by_day_scope_day_scope_id_volunteer_hours_duty_hours_idx" ON "hours_by_day"("scope", "day", "scope_id", "volunteer_hours", "duty_hours");

-- AddForeignKey
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ============================================================================================
-- Rollups for the figures, maintained by triggers in the same transaction as the raw rows.
--
-- Counted attendance (the figures' rule): attendance.status = 'approved', of an activity not
-- cancelled, on the China day the activity starts. Two rollups:
--   attendance_days: per person, one bit per day since first_day (volunteer days, any days),
--     recomputed from the person's raw rows whenever they may change;
--   hours_by_day:    counted hours per community ('c') / unit ('u') of the person and day,
--     as signed delta rows (appends never contend); civic_compact_hours() folds them.
-- Locking, so that concurrent writers never leave a stale rollup:
--   * attendance writers take FOR KEY SHARE on the activities they touch, then the people's
--     attendance_days rows FOR UPDATE (in id order), and only then read (a fresh snapshot);
--   * activity / activity_type changes that move counted attendance take FOR UPDATE on the
--     activities (waiting out attendance writers in flight, holding off new ones), then people;
--   * a person's community/unit change takes the person's attendance_days row first.
-- Every reading statement after a lock sees what committed before the lock was granted
-- (READ COMMITTED: each statement of a plpgsql function takes a fresh snapshot).
-- civic_rollup_mismatches() compares both rollups with the raw rows (the tests run it).
-- ============================================================================================

ALTER TABLE "hours_by_day" ADD CONSTRAINT "hours_by_day_scope_check" CHECK ("scope" IN ('c', 'u'));
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_bits_check"
  CHECK (("first_day" IS NULL AND length("any_days") = 0 AND length("volunteer_days") = 0)
      OR ("first_day" IS NOT NULL AND length("any_days") > 0 AND length("volunteer_days") <= length("any_days")));

-- bulk loaders (seed:city) set civic.rollup_paused = 'on' for their session, then call
-- civic_rollup_rebuild(); nothing else may set it
CREATE FUNCTION civic_rollup_paused() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT COALESCE(current_setting('civic.rollup_paused', true), '') = 'on'
$$;

-- does a person's bit string (bit 0 = first_day) have a day in from..to (inclusive)?
CREATE FUNCTION civic_days_any(first_day date, bits varbit, from_day date, to_day date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN first_day IS NULL OR to_day < first_day OR from_day > to_day THEN false
    ELSE position(B'1' IN substring(bits FROM GREATEST(from_day - first_day, 0) + 1
                                         FOR to_day - GREATEST(from_day, first_day) + 1)) > 0
  END
$$;

-- creates and locks the people's attendance_days rows, in id order
CREATE FUNCTION civic_days_lock(uids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attendance_days (user_id)
    SELECT DISTINCT u FROM unnest(uids) AS u WHERE u IS NOT NULL ORDER BY 1
    ON CONFLICT (user_id) DO NOTHING;
  PERFORM 1 FROM attendance_days WHERE user_id = ANY (uids) ORDER BY user_id FOR UPDATE;
END $$;

-- the bit string with bit (day - lo) set for each of the distinct days (null when there are none)
CREATE FUNCTION civic_bits_of(lo date, days date[]) RETURNS varbit LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(repeat('0', s.gap) || '1', '' ORDER BY s.day)::varbit
  FROM (SELECT day, day - COALESCE(lag(day) OVER (ORDER BY day), lo - 1) - 1 AS gap FROM unnest(days) AS day) s
$$;

-- recomputes people's days from their raw rows; the caller holds their rows (civic_days_lock)
CREATE FUNCTION civic_days_refresh(uids int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT DISTINCT t.user_id, (a.start_at AT TIME ZONE 'Asia/Shanghai')::date AS day, ty.duty
    FROM attendance t
    JOIN activity a ON a.id = t.activity_id
    JOIN activity_type ty ON ty.id = a.type_id
    WHERE t.user_id = ANY (uids) AND t.status = 'approved' AND a.status <> 'cancelled'
  ),
  per AS (SELECT user_id, min(day) AS lo FROM d GROUP BY user_id),
  bits AS (
    SELECT per.user_id, per.lo,
           civic_bits_of(per.lo, array_agg(DISTINCT d.day)) AS any_days,
           civic_bits_of(per.lo, array_agg(DISTINCT d.day) FILTER (WHERE NOT d.duty)) AS volunteer_days
    FROM per JOIN d ON d.user_id = per.user_id
    GROUP BY per.user_id, per.lo
  )
  UPDATE attendance_days x
  SET first_day = b.lo, any_days = COALESCE(b.any_days, B''), volunteer_days = COALESCE(b.volunteer_days, B'')
  FROM (SELECT DISTINCT u AS user_id FROM unnest(uids) AS u) p
  LEFT JOIN bits b ON b.user_id = p.user_id
  WHERE x.user_id = p.user_id
    AND (x.first_day, x.any_days, x.volunteer_days) IS DISTINCT FROM (b.lo, COALESCE(b.any_days, B''), COALESCE(b.volunteer_days, B''));
END $$;

-- appends signed hours as delta rows per community ('c') / unit ('u') and China day; each
-- element is one record's hours with the day, duty flag, community and unit it counts under.
-- Every rollup writer goes through here.
CREATE FUNCTION civic_hours_put(signs int[], days date[], duties boolean[], communities int[], units int[], hrs numeric[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO hours_by_day (scope, scope_id, day, volunteer_hours, duty_hours)
  SELECT g.scope, g.id, x.day,
         COALESCE(sum(x.s * x.h) FILTER (WHERE NOT x.duty), 0), COALESCE(sum(x.s * x.h) FILTER (WHERE x.duty), 0)
  FROM unnest(signs, days, duties, communities, units, hrs) AS x(s, day, duty, c, u, h)
  CROSS JOIN LATERAL (VALUES ('c', x.c), ('u', x.u)) AS g(scope, id)
  WHERE g.id IS NOT NULL AND x.h <> 0
  GROUP BY 1, 2, 3
  HAVING COALESCE(sum(x.s * x.h) FILTER (WHERE NOT x.duty), 0) <> 0 OR COALESCE(sum(x.s * x.h) FILTER (WHERE x.duty), 0) <> 0
$$;

-- appends the hours of attendance rows (sign, person, activity, hours) under the person's
-- current community and unit and the activity's current day and duty flag
CREATE FUNCTION civic_hours_add(signs int[], uids int[], acts int[], hrs numeric[]) RETURNS void LANGUAGE sql AS $$
  SELECT civic_hours_put(array_agg(x.s), array_agg((a.start_at AT TIME ZONE 'Asia/Shanghai')::date), array_agg(ty.duty),
                         array_agg(p.community_id), array_agg(p.unit_id), array_agg(x.h))
  FROM unnest(signs, uids, acts, hrs) AS x(s, u, act, h)
  JOIN activity a ON a.id = x.act
  JOIN activity_type ty ON ty.id = a.type_id
  JOIN app_user p ON p.id = x.u
  WHERE a.status <> 'cancelled'
$$;

-- bits anchored at `first` (null: none) re-anchored at `lo` (<= first), long enough to hold `upto`
CREATE FUNCTION civic_bits_widen(first date, bits varbit, lo date, upto date) RETURNS varbit
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(y) > upto - lo THEN y ELSE y || repeat('0', upto - lo - length(y) + 1)::varbit END
  FROM (SELECT CASE WHEN first IS NULL THEN B'' ELSE repeat('0', first - lo)::varbit || bits END AS y) s
$$;

-- attendance: INSERT. A new counted record only adds a day: set its bit in place (an update
-- re-reads the newest version of the person's row, so concurrent writers never lose a bit),
-- without recounting the person's records
CREATE FUNCTION civic_rollup_attendance_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE uids int[]; acts int[]; hrs numeric[]; r record;
BEGIN
  IF civic_rollup_paused() THEN RETURN NULL; END IF;
  SELECT array_agg(user_id), array_agg(activity_id), array_agg(hours) INTO uids, acts, hrs
  FROM new_rows WHERE status = 'approved';
  IF uids IS NULL THEN RETURN NULL; END IF;
  -- the foreign-key check already holds the activities FOR KEY SHARE
  FOR r IN
    SELECT x.user_id, (a.start_at AT TIME ZONE 'Asia/Shanghai')::date AS day, bool_or(NOT ty.duty) AS volunteer
    FROM unnest(uids, acts) AS x(user_id, activity_id)
    JOIN activity a ON a.id = x.activity_id
    JOIN activity_type ty ON ty.id = a.type_id
    WHERE a.status <> 'cancelled'
    GROUP BY 1, 2 ORDER BY 1, 2
  LOOP
    INSERT INTO attendance_days AS d (user_id, first_day, any_days, volunteer_days)
    VALUES (r.user_id, r.day, B'1', CASE WHEN r.volunteer THEN B'1' ELSE B'' END)
    ON CONFLICT (user_id) DO UPDATE SET
      first_day = LEAST(d.first_day, r.day),
      any_days = set_bit(civic_bits_widen(d.first_day, d.any_days, LEAST(d.first_day, r.day), r.day),
                         r.day - LEAST(d.first_day, r.day), 1),
      volunteer_days = CASE
        WHEN r.volunteer THEN set_bit(civic_bits_widen(d.first_day, d.volunteer_days, LEAST(d.first_day, r.day), r.day),
                                      r.day - LEAST(d.first_day, r.day), 1)
        WHEN d.first_day IS NULL OR length(d.volunteer_days) = 0 THEN B''
        ELSE repeat('0', d.first_day - LEAST(d.first_day, r.day))::varbit || d.volunteer_days
      END;
  END LOOP;
  -- a check-in has no hours yet
  IF 0 <> ANY (hrs) THEN
    PERFORM civic_days_lock(uids);
    PERFORM civic_hours_add(array_fill(1, ARRAY[cardinality(uids)]), uids, acts, hrs);
  END IF;
  RETURN NULL;
END $$;

-- attendance: UPDATE (status, hours, person or activity changed on a counted row)
CREATE FUNCTION civic_rollup_attendance_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  signs int[]; uids int[]; acts int[]; hrs numeric[];
  refresh int[]; lock_acts int[];
BEGIN
  IF civic_rollup_paused() THEN RETURN NULL; END IF;
  SELECT array_agg(x.s), array_agg(x.user_id), array_agg(x.activity_id), array_agg(x.hours),
         array_agg(x.user_id) FILTER (WHERE x.moved)
  INTO signs, uids, acts, hrs, refresh
  FROM (
    SELECT -1 AS s, o.user_id, o.activity_id, o.hours,
           (n.status IS DISTINCT FROM 'approved' OR n.user_id <> o.user_id OR n.activity_id <> o.activity_id) AS moved
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.status = 'approved'
      AND (o.status, o.hours, o.user_id, o.activity_id) IS DISTINCT FROM (n.status, n.hours, n.user_id, n.activity_id)
    UNION ALL
    SELECT 1, n.user_id, n.activity_id, n.hours,
           (o.status IS DISTINCT FROM 'approved' OR n.user_id <> o.user_id OR n.activity_id <> o.activity_id)
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE n.status = 'approved'
      AND (o.status, o.hours, o.user_id, o.activity_id) IS DISTINCT FROM (n.status, n.hours, n.user_id, n.activity_id)
  ) x;
  IF uids IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM activity WHERE id = ANY (acts) ORDER BY id FOR KEY SHARE;
  PERFORM civic_days_lock(uids);
  IF refresh IS NOT NULL THEN PERFORM civic_days_refresh(refresh); END IF;
  PERFORM civic_hours_add(signs, uids, acts, hrs);
  RETURN NULL;
END $$;

-- attendance: DELETE
CREATE FUNCTION civic_rollup_attendance_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE uids int[]; acts int[]; hrs numeric[];
BEGIN
  IF civic_rollup_paused() THEN RETURN NULL; END IF;
  SELECT array_agg(user_id), array_agg(activity_id), array_agg(hours) INTO uids, acts, hrs
  FROM old_rows WHERE status = 'approved';
  IF uids IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM activity WHERE id = ANY (acts) ORDER BY id FOR KEY SHARE;
  PERFORM civic_days_lock(uids);
  PERFORM civic_days_refresh(uids);
  PERFORM civic_hours_add(array_fill(-1, ARRAY[cardinality(uids)]), uids, acts, hrs);
  RETURN NULL;
END $$;

CREATE TRIGGER civic_rollup_attendance_insert AFTER INSERT ON attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civic_rollup_attendance_insert();
CREATE TRIGGER civic_rollup_attendance_update AFTER UPDATE ON attendance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civic_rollup_attendance_update();
CREATE TRIGGER civic_rollup_attendance_delete AFTER DELETE ON attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION civic_rollup_attendance_delete();

-- activity: cancelled / restored, moved to another day, or given another type
CREATE FUNCTION civic_rollup_activity_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE acts int[]; uids int[];
BEGIN
  IF civic_rollup_paused() THEN RETURN NULL; END IF;
  SELECT array_agg(n.id) INTO acts
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.status = 'cancelled') <> (n.status = 'cancelled')
     OR (o.start_at AT TIME ZONE 'Asia/Shanghai')::date <> (n.start_at AT TIME ZONE 'Asia/Shanghai')::date
     OR o.type_id <> n.type_id;
  IF acts IS NULL THEN RETURN NULL; END IF;
  -- waits out attendance writers of these activities in flight and holds off new ones
  PERFORM 1 FROM activity WHERE id = ANY (acts) ORDER BY id FOR UPDATE;
  SELECT array_agg(DISTINCT user_id) INTO uids FROM attendance WHERE activity_id = ANY (acts) AND status = 'approved';
  IF uids IS NULL THEN RETURN NULL; END IF;
  PERFORM civic_days_lock(uids);
  PERFORM civic_days_refresh(uids);
  -- out with the hours as they were counted, in as they count now
  PERFORM civic_hours_put(array_agg(x.s), array_agg(x.day), array_agg(x.duty), array_agg(p.community_id), array_agg(p.unit_id), array_agg(t.hours))
  FROM (
    SELECT -1 AS s, o.id, (o.start_at AT TIME ZONE 'Asia/Shanghai')::date AS day, ty.duty
    FROM old_rows o JOIN activity_type ty ON ty.id = o.type_id
    WHERE o.id = ANY (acts) AND o.status <> 'cancelled'
    UNION ALL
    SELECT 1, n.id, (n.start_at AT TIME ZONE 'Asia/Shanghai')::date, ty.duty
    FROM new_rows n JOIN activity_type ty ON ty.id = n.type_id
    WHERE n.id = ANY (acts) AND n.status <> 'cancelled'
  ) x
  JOIN attendance t ON t.activity_id = x.id AND t.status = 'approved' AND t.hours <> 0
  JOIN app_user p ON p.id = t.user_id;
  RETURN NULL;
END $$;

CREATE TRIGGER civic_rollup_activity_update AFTER UPDATE ON activity
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civic_rollup_activity_update();

-- activity_type: the duty flag changed (its activities' hours move between volunteer and duty)
CREATE FUNCTION civic_rollup_type_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE types int[]; acts int[]; uids int[];
BEGIN
  IF civic_rollup_paused() THEN RETURN NULL; END IF;
  SELECT array_agg(n.id) INTO types FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.duty <> n.duty;
  IF types IS NULL THEN RETURN NULL; END IF;
  SELECT array_agg(id ORDER BY id) INTO acts FROM activity WHERE type_id = ANY (types) AND status <> 'cancelled';
  IF acts IS NULL THEN RETURN NULL; END IF;
  PERFORM 1 FROM activity WHERE id = ANY (acts) ORDER BY id FOR UPDATE;
  SELECT array_agg(DISTINCT user_id) INTO uids FROM attendance WHERE activity_id = ANY (acts) AND status = 'approved';
  IF uids IS NULL THEN RETURN NULL; END IF;
  PERFORM civic_days_lock(uids);
  PERFORM civic_days_refresh(uids);
  -- out under the old flag, in under the new
  PERFORM civic_hours_put(array_agg(v.s), array_agg((a.start_at AT TIME ZONE 'Asia/Shanghai')::date), array_agg(v.duty),
                          array_agg(p.community_id), array_agg(p.unit_id), array_agg(t.hours))
  FROM activity a
  JOIN new_rows n ON n.id = a.type_id
  CROSS JOIN LATERAL (VALUES (-1, NOT n.duty), (1, n.duty)) AS v(s, duty)
  JOIN attendance t ON t.activity_id = a.id AND t.status = 'approved' AND t.hours <> 0
  JOIN app_user p ON p.id = t.user_id
  WHERE a.id = ANY (acts) AND a.status <> 'cancelled';
  RETURN NULL;
END $$;

CREATE TRIGGER civic_rollup_type_update AFTER UPDATE ON activity_type
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civic_rollup_type_update();

-- app_user: moved to another community or unit (their counted hours move with them)
CREATE FUNCTION civic_rollup_user_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE uids int[];
BEGIN
  IF civic_rollup_paused() THEN RETURN NULL; END IF;
  SELECT array_agg(n.id) INTO uids FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.community_id IS DISTINCT FROM n.community_id OR o.unit_id IS DISTINCT FROM n.unit_id;
  IF uids IS NULL THEN RETURN NULL; END IF;
  PERFORM civic_days_lock(uids);
  -- out of the old community and unit, into the new
  PERFORM civic_hours_put(array_agg(g.s), array_agg((a.start_at AT TIME ZONE 'Asia/Shanghai')::date), array_agg(ty.duty),
                          array_agg(g.c), array_agg(g.u), array_agg(t.hours))
  FROM old_rows o
  JOIN new_rows n ON n.id = o.id
  CROSS JOIN LATERAL (VALUES (-1, o.community_id, o.unit_id), (1, n.community_id, n.unit_id)) AS g(s, c, u)
  JOIN attendance t ON t.user_id = n.id AND t.status = 'approved' AND t.hours <> 0
  JOIN activity a ON a.id = t.activity_id
  JOIN activity_type ty ON ty.id = a.type_id
  WHERE n.id = ANY (uids) AND a.status <> 'cancelled';
  RETURN NULL;
END $$;

CREATE TRIGGER civic_rollup_user_update AFTER UPDATE ON app_user
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civic_rollup_user_update();

-- folds each key's delta rows into one (and drops zero rows); returns the rows folded
CREATE FUNCTION civic_compact_hours() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE folded integer;
BEGIN
  -- one compaction at a time; a second caller has nothing to add
  IF NOT pg_try_advisory_xact_lock(7342001) THEN RETURN 0; END IF;
  WITH keys AS (
    SELECT scope, scope_id, day FROM hours_by_day GROUP BY 1, 2, 3
    HAVING count(*) > 1 OR (sum(volunteer_hours) = 0 AND sum(duty_hours) = 0)
  ),
  gone AS (
    DELETE FROM hours_by_day h USING keys k
    WHERE h.scope = k.scope AND h.scope_id = k.scope_id AND h.day = k.day
    RETURNING h.scope, h.scope_id, h.day, h.volunteer_hours, h.duty_hours
  ),
  kept AS (
    INSERT INTO hours_by_day (scope, scope_id, day, volunteer_hours, duty_hours)
    SELECT scope, scope_id, day, sum(volunteer_hours), sum(duty_hours) FROM gone GROUP BY 1, 2, 3
    HAVING sum(volunteer_hours) <> 0 OR sum(duty_hours) <> 0
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM kept) INTO folded;
  RETURN folded;
END $$;

-- rebuilds both rollups from the raw rows (after a bulk load with civic.rollup_paused)
CREATE FUNCTION civic_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE attendance, activity, activity_type IN SHARE MODE;
  LOCK TABLE attendance_days, hours_by_day IN EXCLUSIVE MODE;
  DELETE FROM hours_by_day;
  -- set-based rather than through civic_hours_put: a whole city is millions of records, too
  -- many to pass as arrays
  INSERT INTO hours_by_day (scope, scope_id, day, volunteer_hours, duty_hours)
  SELECT g.scope, g.id, (a.start_at AT TIME ZONE 'Asia/Shanghai')::date,
         COALESCE(sum(t.hours) FILTER (WHERE NOT ty.duty), 0), COALESCE(sum(t.hours) FILTER (WHERE ty.duty), 0)
  FROM attendance t
  JOIN activity a ON a.id = t.activity_id
  JOIN activity_type ty ON ty.id = a.type_id
  JOIN app_user p ON p.id = t.user_id
  CROSS JOIN LATERAL (VALUES ('c', p.community_id), ('u', p.unit_id)) AS g(scope, id)
  WHERE t.status = 'approved' AND a.status <> 'cancelled' AND g.id IS NOT NULL AND t.hours <> 0
  GROUP BY 1, 2, 3
  HAVING COALESCE(sum(t.hours) FILTER (WHERE NOT ty.duty), 0) <> 0 OR COALESCE(sum(t.hours) FILTER (WHERE ty.duty), 0) <> 0;
  DELETE FROM attendance_days;
  INSERT INTO attendance_days (user_id, first_day, any_days, volunteer_days)
  SELECT d.user_id, min(d.day),
         civic_bits_of(min(d.day), array_agg(DISTINCT d.day)),
         COALESCE(civic_bits_of(min(d.day), array_agg(DISTINCT d.day) FILTER (WHERE NOT d.duty)), B'')
  FROM (
    SELECT DISTINCT t.user_id, (a.start_at AT TIME ZONE 'Asia/Shanghai')::date AS day, ty.duty
    FROM attendance t
    JOIN activity a ON a.id = t.activity_id
    JOIN activity_type ty ON ty.id = a.type_id
    WHERE t.status = 'approved' AND a.status <> 'cancelled'
  ) d
  GROUP BY d.user_id;
END $$;

-- what the rollups say that the raw rows do not, and the other way round (empty when they agree)
CREATE FUNCTION civic_rollup_mismatches()
RETURNS TABLE (rollup text, key text, stored text, expected text) LANGUAGE sql STABLE AS $$
  WITH raw AS (
    SELECT t.user_id, (a.start_at AT TIME ZONE 'Asia/Shanghai')::date AS day, ty.duty, t.hours, p.community_id, p.unit_id
    FROM attendance t
    JOIN activity a ON a.id = t.activity_id
    JOIN activity_type ty ON ty.id = a.type_id
    JOIN app_user p ON p.id = t.user_id
    WHERE t.status = 'approved' AND a.status <> 'cancelled'
  ),
  want_days AS (
    SELECT user_id, day, bool_or(NOT duty) AS volunteer FROM raw GROUP BY 1, 2
  ),
  have_days AS (
    SELECT d.user_id, d.first_day + (i - 1) AS day, substring(d.volunteer_days FROM i FOR 1) = B'1' AS volunteer
    FROM attendance_days d CROSS JOIN LATERAL generate_series(1, length(d.any_days)) AS i
    WHERE substring(d.any_days FROM i FOR 1) = B'1'
  ),
  stray_volunteer AS (
    -- a volunteer bit on a day without any attendance
    SELECT d.user_id, d.first_day + (i - 1) AS day
    FROM attendance_days d CROSS JOIN LATERAL generate_series(1, length(d.volunteer_days)) AS i
    WHERE substring(d.volunteer_days FROM i FOR 1) = B'1'
      AND (i > length(d.any_days) OR substring(d.any_days FROM i FOR 1) = B'0')
  ),
  want_hours AS (
    SELECT g.scope, g.id AS scope_id, r.day,
           COALESCE(sum(r.hours) FILTER (WHERE NOT r.duty), 0) AS vh, COALESCE(sum(r.hours) FILTER (WHERE r.duty), 0) AS dh
    FROM raw r CROSS JOIN LATERAL (VALUES ('c', r.community_id), ('u', r.unit_id)) AS g(scope, id)
    WHERE g.id IS NOT NULL GROUP BY 1, 2, 3
  ),
  have_hours AS (
    SELECT scope, scope_id, day, sum(volunteer_hours) AS vh, sum(duty_hours) AS dh FROM hours_by_day GROUP BY 1, 2, 3
  )
  SELECT 'attendance_days', format('user %s day %s', COALESCE(h.user_id, w.user_id), COALESCE(h.day, w.day)),
         CASE WHEN h.user_id IS NULL THEN 'none' WHEN h.volunteer THEN 'volunteer' ELSE 'duty only' END,
         CASE WHEN w.user_id IS NULL THEN 'none' WHEN w.volunteer THEN 'volunteer' ELSE 'duty only' END
  FROM have_days h FULL JOIN want_days w ON w.user_id = h.user_id AND w.day = h.day
  WHERE h.user_id IS NULL OR w.user_id IS NULL OR h.volunteer <> w.volunteer
  UNION ALL
  SELECT 'attendance_days', format('user %s day %s', user_id, day), 'volunteer bit without attendance', 'none'
  FROM stray_volunteer
  UNION ALL
  SELECT 'attendance_days', format('user %s', d.user_id), format('first_day %s', d.first_day), format('first_day %s', w.first_day)
  FROM attendance_days d LEFT JOIN (SELECT user_id, min(day) AS first_day FROM raw GROUP BY 1) w ON w.user_id = d.user_id
  WHERE d.first_day IS DISTINCT FROM w.first_day
  UNION ALL
  SELECT 'hours_by_day', format('%s %s day %s', COALESCE(h.scope, w.scope), COALESCE(h.scope_id, w.scope_id), COALESCE(h.day, w.day)),
         format('%s / %s', COALESCE(h.vh, 0), COALESCE(h.dh, 0)), format('%s / %s', COALESCE(w.vh, 0), COALESCE(w.dh, 0))
  FROM have_hours h FULL JOIN want_hours w ON w.scope = h.scope AND w.scope_id = h.scope_id AND w.day = h.day
  WHERE COALESCE(h.vh, 0) <> COALESCE(w.vh, 0) OR COALESCE(h.dh, 0) <> COALESCE(w.dh, 0)
$$;

SELECT civic_rollup_rebuild();

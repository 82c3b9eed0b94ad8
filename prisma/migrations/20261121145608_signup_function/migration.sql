-- Sign-up decided inside the database, in one statement: the invariants (no overlapping
-- confirmed sign-ups per person, capacity, one row per activity and person, waitlist order)
-- hold under any concurrency, and a burst of sign-ups costs one round trip each.
--
-- Locks: the person's row first (their sign-ups are decided one at a time), then the
-- activity's row (its places are decided one at a time). Cancellation takes them in the same
-- order. Returns one row: outcome = 'confirmed' | 'waitlisted' | an error code.
CREATE FUNCTION "civic_sign_up"(p_activity integer, p_user integer, p_now timestamptz)
RETURNS TABLE (outcome text, queue_position integer, other_id integer, other_title text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  act record;
  clash record;
  n_confirmed integer;
  n_waiting integer;
  decided "SignupStatus";
  stored "SignupStatus";
BEGIN
  PERFORM 1 FROM app_user u WHERE u.id = p_user FOR UPDATE;

  SELECT a.start_at, a.end_at INTO act FROM activity a WHERE a.id = p_activity;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'activity_not_found'::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  END IF;

  SELECT a.id, a.title INTO clash
  FROM signup s JOIN activity a ON a.id = s.activity_id
  WHERE s.user_id = p_user AND s.status = 'confirmed' AND a.status <> 'cancelled' AND a.id <> p_activity
    AND a.start_at < act.end_at AND a.end_at > act.start_at
  ORDER BY a.start_at LIMIT 1;
  IF FOUND THEN
    RETURN QUERY SELECT 'signup_overlaps'::text, NULL::integer, clash.id, clash.title::text;
    RETURN;
  END IF;

  SELECT a.status, a.capacity, a.signup_deadline, a.end_at, a.waitlist_enabled, a.allow_walk_in INTO act
  FROM activity a WHERE a.id = p_activity FOR UPDATE;
  IF act.status = 'cancelled' THEN
    RETURN QUERY SELECT 'activity_cancelled'::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  END IF;
  IF act.status = 'closed' OR p_now > act.signup_deadline OR p_now >= act.end_at THEN
    RETURN QUERY SELECT 'signup_closed'::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  END IF;

  SELECT count(*) FILTER (WHERE s.status = 'confirmed'), count(*) FILTER (WHERE s.status = 'waitlisted')
  INTO n_confirmed, n_waiting
  FROM signup s WHERE s.activity_id = p_activity;

  IF n_confirmed < act.capacity THEN
    decided := 'confirmed';
  ELSIF act.waitlist_enabled OR act.allow_walk_in THEN
    decided := 'waitlisted';
  ELSIF EXISTS (SELECT 1 FROM signup s WHERE s.activity_id = p_activity AND s.user_id = p_user AND s.status <> 'cancelled') THEN
    RETURN QUERY SELECT 'signup_duplicate'::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  ELSE
    RETURN QUERY SELECT 'activity_full'::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  END IF;

  -- one row per (activity, person): a cancelled one is reused; an active one is a duplicate
  INSERT INTO signup AS s (activity_id, user_id, status, queue_seq, created_at, updated_at)
  VALUES (p_activity, p_user, decided, CASE WHEN decided = 'waitlisted' THEN nextval('signup_queue_seq') END, now(), now())
  ON CONFLICT (activity_id, user_id) DO UPDATE
    SET status = EXCLUDED.status, queue_seq = EXCLUDED.queue_seq, cancelled_at = NULL, created_at = now(), updated_at = now()
    WHERE s.status = 'cancelled'
  RETURNING s.status INTO stored;

  IF stored IS NULL THEN
    RETURN QUERY SELECT 'signup_duplicate'::text, NULL::integer, NULL::integer, NULL::text;
    RETURN;
  END IF;
  RETURN QUERY SELECT stored::text, CASE WHEN stored = 'waitlisted' THEN n_waiting + 1 END, NULL::integer, NULL::text;
END;
$$;

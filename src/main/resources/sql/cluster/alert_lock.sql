-- The cluster's alert delivery turn: held by one session until it ends (the instance stops or dies).
SELECT pg_try_advisory_lock(?)

-- clock_timestamp(), not now(): now() is the start of the transaction, which may have waited for the row lock.
-- A new run takes the lease: a new epoch, valid for the lease's length (milliseconds) from the database's clock.
UPDATE pipeline_run_lease
SET run_id = ?, instance = ?, datasets = ?, epoch = epoch + 1, expires_at = clock_timestamp() + ? * interval '1 millisecond'
WHERE id = 1
RETURNING epoch

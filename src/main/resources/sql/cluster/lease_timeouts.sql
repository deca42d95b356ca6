-- Inside a lease transaction: never wait long for the lease row (a frozen instance may hold it), and let the server
-- end the session of an instance frozen mid-transaction, which frees the row. Milliseconds.
SELECT set_config('lock_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true)

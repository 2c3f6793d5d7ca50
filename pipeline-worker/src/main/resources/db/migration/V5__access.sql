-- A deployment that needs an approval waits aside in its lane (state 'awaiting') until this time.
alter table lane_entry add column approval_expires_at timestamptz;

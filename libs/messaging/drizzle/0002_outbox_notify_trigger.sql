-- Wakes the relay when outbox rows are recorded: the notification is sent at commit and dropped at
-- rollback, and PostgreSQL folds a transaction's identical notifications into one. As a statement
-- trigger it costs no round trip of its own (it replaced a `SELECT pg_notify` after every insert).
-- The channel is the kit's OUTBOX_CHANNEL constant.
CREATE OR REPLACE FUNCTION "messaging_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('messaging_outbox', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "messaging_outbox_notify" AFTER INSERT ON "messaging_outbox"
  FOR EACH STATEMENT EXECUTE FUNCTION "messaging_outbox_notify"();

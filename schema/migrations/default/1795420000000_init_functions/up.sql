-- Shared trigger function: every table with an updated_at column keeps it current.
-- Named as the Hasura console names it, so Hasura users recognise it.
CREATE FUNCTION public.set_current_timestamp_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION public.set_current_timestamp_updated_at()
  IS 'BEFORE UPDATE trigger: sets updated_at to the transaction time';

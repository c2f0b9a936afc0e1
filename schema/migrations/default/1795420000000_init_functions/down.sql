DROP FUNCTION IF EXISTS public.set_current_timestamp_updated_at();

-- Enum table (Hasura is_enum): the lifecycle of a publish request.
CREATE TABLE public.publish_program_status (
  value   text PRIMARY KEY,
  comment text
);

INSERT INTO public.publish_program_status (value, comment) VALUES
  ('pending',    'Requested; waiting for the publish-program function'),
  ('processing', 'The publish-program function is working on it'),
  ('published',  'Done; result holds the version and URLs'),
  ('failed',     'Gave up; error holds the reason');

-- The intent row: a coach inserts it, the publish_program event trigger runs the function,
-- the function reports back by updating status/result/error. Apps subscribe to it.
CREATE TABLE public.publish_program (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id   uuid NOT NULL REFERENCES public.program (id) ON UPDATE CASCADE ON DELETE CASCADE,
  requested_by uuid NOT NULL REFERENCES public.coach (id) ON UPDATE CASCADE ON DELETE CASCADE,
  status       text NOT NULL DEFAULT 'pending'
               REFERENCES public.publish_program_status (value) ON UPDATE CASCADE ON DELETE RESTRICT,
  result       jsonb,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- A program's publish history, newest first; a coach's requests.
CREATE INDEX publish_program_program_id_created_at_idx ON public.publish_program (program_id, created_at DESC);
CREATE INDEX publish_program_requested_by_created_at_idx ON public.publish_program (requested_by, created_at DESC);
-- Requests still in flight (sweeps, dashboards).
CREATE INDEX publish_program_unfinished_idx ON public.publish_program (created_at)
  WHERE status IN ('pending', 'processing');

CREATE TRIGGER set_public_publish_program_updated_at
  BEFORE UPDATE ON public.publish_program
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

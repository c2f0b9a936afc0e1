-- Coaches and clients. Their ids are the identity provider's subject (X-Hasura-User-Id),
-- so the default only serves rows created outside sign-up (seeds, admin).
CREATE TABLE public.coach (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email        text NOT NULL UNIQUE,
  display_name text NOT NULL,
  bio          text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER set_public_coach_updated_at
  BEFORE UPDATE ON public.coach
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

CREATE TABLE public.client (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The coach a client trains with; the client survives the coach leaving.
  coach_id     uuid REFERENCES public.coach (id) ON UPDATE CASCADE ON DELETE SET NULL,
  email        text NOT NULL UNIQUE,
  display_name text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX client_coach_id_idx ON public.client (coach_id);

CREATE TRIGGER set_public_client_updated_at
  BEFORE UPDATE ON public.client
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

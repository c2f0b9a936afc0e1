-- A workout program a coach writes: sessions in order, each with exercises in order.
CREATE TABLE public.program (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  coach_id       uuid NOT NULL REFERENCES public.coach (id) ON UPDATE CASCADE ON DELETE CASCADE,
  title          text NOT NULL CHECK (length(btrim(title)) > 0),
  description    text,  -- rich text (HTML); sanitised when published
  cover_asset_id uuid REFERENCES public.asset (id) ON UPDATE CASCADE ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- "My programs, latest first" in the coach app.
CREATE INDEX program_coach_id_updated_at_idx ON public.program (coach_id, updated_at DESC);
CREATE INDEX program_cover_asset_id_idx ON public.program (cover_asset_id);

CREATE TRIGGER set_public_program_updated_at
  BEFORE UPDATE ON public.program
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

CREATE TABLE public.session (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id  uuid NOT NULL REFERENCES public.program (id) ON UPDATE CASCADE ON DELETE CASCADE,
  position    integer NOT NULL CHECK (position >= 0),
  title       text NOT NULL,
  description text,  -- rich text (HTML)
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- Deferred, so a reorder can swap positions within one transaction.
  CONSTRAINT session_program_id_position_key UNIQUE (program_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TRIGGER set_public_session_updated_at
  BEFORE UPDATE ON public.session
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

CREATE TABLE public.exercise (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id       uuid NOT NULL REFERENCES public.session (id) ON UPDATE CASCADE ON DELETE CASCADE,
  position         integer NOT NULL CHECK (position >= 0),
  name             text NOT NULL,
  instructions     text,  -- rich text (HTML)
  image_asset_id   uuid REFERENCES public.asset (id) ON UPDATE CASCADE ON DELETE SET NULL,
  sets             integer CHECK (sets > 0),
  reps             integer CHECK (reps > 0),
  duration_seconds integer CHECK (duration_seconds > 0),
  rest_seconds     integer CHECK (rest_seconds >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT exercise_session_id_position_key UNIQUE (session_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX exercise_image_asset_id_idx ON public.exercise (image_asset_id);

CREATE TRIGGER set_public_exercise_updated_at
  BEFORE UPDATE ON public.exercise
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

-- Enum table (Hasura is_enum): the lifecycle of an uploaded file.
CREATE TABLE public.asset_status (
  value   text PRIMARY KEY,
  comment text
);

INSERT INTO public.asset_status (value, comment) VALUES
  ('uploaded',   'Stored, not yet checked'),
  ('processing', 'The process-image function is working on it'),
  ('ready',      'Validated; variants generated'),
  ('rejected',   'Not an acceptable image; see rejection_reason');

-- An uploaded file. storage_key addresses the original in the uploads store;
-- variants lists the generated renditions: [{"width","height","format","key","url","size_bytes"}].
CREATE TABLE public.asset (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  coach_id         uuid NOT NULL REFERENCES public.coach (id) ON UPDATE CASCADE ON DELETE CASCADE,
  storage_key      text NOT NULL UNIQUE,
  content_type     text NOT NULL,
  size_bytes       bigint CHECK (size_bytes >= 0),
  width            integer CHECK (width > 0),
  height           integer CHECK (height > 0),
  status           text NOT NULL DEFAULT 'uploaded'
                   REFERENCES public.asset_status (value) ON UPDATE CASCADE ON DELETE RESTRICT,
  variants         jsonb NOT NULL DEFAULT '[]'::jsonb,
  rejection_reason text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT asset_rejection_reason_only_when_rejected
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);

-- A coach's media library, newest first.
CREATE INDEX asset_coach_id_created_at_idx ON public.asset (coach_id, created_at DESC);
CREATE INDEX asset_status_idx ON public.asset (status);

CREATE TRIGGER set_public_asset_updated_at
  BEFORE UPDATE ON public.asset
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();

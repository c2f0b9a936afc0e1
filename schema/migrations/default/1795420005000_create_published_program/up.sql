-- A published version of a program: the documents the landing page and the client app read.
-- One row per successful publish request (publish_program_id is unique), so a retried
-- request upserts its own row instead of adding a version.
CREATE TABLE public.published_program (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id         uuid NOT NULL REFERENCES public.program (id) ON UPDATE CASCADE ON DELETE CASCADE,
  publish_program_id uuid UNIQUE REFERENCES public.publish_program (id) ON UPDATE CASCADE ON DELETE SET NULL,
  slug               text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version            integer NOT NULL CHECK (version > 0),
  landing            jsonb NOT NULL,
  app_document       jsonb NOT NULL,
  published_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT published_program_program_id_version_key UNIQUE (program_id, version)
);

-- The public landing page: latest version by slug.
CREATE INDEX published_program_slug_version_idx ON public.published_program (slug, version DESC);
-- Catalogue pages: recently published.
CREATE INDEX published_program_published_at_idx ON public.published_program (published_at DESC);

DROP TABLE IF EXISTS public.published_program;

DROP TABLE IF EXISTS public.exercise;
DROP TABLE IF EXISTS public.session;
DROP TABLE IF EXISTS public.program;

DROP TABLE IF EXISTS public.client;
DROP TABLE IF EXISTS public.coach;

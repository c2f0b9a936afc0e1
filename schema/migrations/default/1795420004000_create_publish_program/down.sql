DROP TABLE IF EXISTS public.publish_program;
DROP TABLE IF EXISTS public.publish_program_status;

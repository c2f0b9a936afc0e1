DROP TABLE IF EXISTS public.asset;
DROP TABLE IF EXISTS public.asset_status;

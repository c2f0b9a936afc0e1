-- Demo coaches and clients for the local environment. Fixed ids so JWTs for local testing
-- can name them as X-Hasura-User-Id.
INSERT INTO public.coach (id, email, display_name, bio) VALUES
  ('c0ac0000-0000-4000-8000-000000000001', 'ada@coach.example',   'Ada Strong', '<p>Strength coach. <strong>Form first.</strong></p>'),
  ('c0ac0000-0000-4000-8000-000000000002', 'ben@coach.example',   'Ben Flow',   '<p>Mobility and yoga.</p>'),
  ('c0ac0000-0000-4000-8000-000000000003', 'cleo@coach.example',  'Cleo Pace',  NULL);

INSERT INTO public.client (id, coach_id, email, display_name) VALUES
  ('c11e0000-0000-4000-8000-000000000001', 'c0ac0000-0000-4000-8000-000000000001', 'dan@client.example',  'Dan'),
  ('c11e0000-0000-4000-8000-000000000002', 'c0ac0000-0000-4000-8000-000000000001', 'eve@client.example',  'Eve'),
  ('c11e0000-0000-4000-8000-000000000003', 'c0ac0000-0000-4000-8000-000000000002', 'finn@client.example', 'Finn'),
  ('c11e0000-0000-4000-8000-000000000004', NULL,                                   'gia@client.example',  'Gia');

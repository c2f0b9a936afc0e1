-- Demo assets and programs. Each asset's storage_key is 'seed/<file>' for a file in
-- seeds/images/ (classpath threefactor/app/seeds/images/); the local environment copies those
-- files into the uploads store under seed/. Status 'uploaded': the process-image event
-- trigger fills width, height and variants once it runs.
INSERT INTO public.asset (id, coach_id, storage_key, content_type, size_bytes) VALUES
  ('a55e0000-0000-4000-8000-000000000001', 'c0ac0000-0000-4000-8000-000000000001', 'seed/strength-foundations-cover.jpg', 'image/jpeg', 12688),
  ('a55e0000-0000-4000-8000-000000000002', 'c0ac0000-0000-4000-8000-000000000001', 'seed/squat.jpg',                      'image/jpeg',  8965),
  ('a55e0000-0000-4000-8000-000000000003', 'c0ac0000-0000-4000-8000-000000000001', 'seed/push-up.jpg',                    'image/jpeg',  8096),
  ('a55e0000-0000-4000-8000-000000000004', 'c0ac0000-0000-4000-8000-000000000001', 'seed/plank.png',                      'image/png',  14563),
  ('a55e0000-0000-4000-8000-000000000005', 'c0ac0000-0000-4000-8000-000000000002', 'seed/mobility-reset-cover.jpg',       'image/jpeg', 10977),
  ('a55e0000-0000-4000-8000-000000000006', 'c0ac0000-0000-4000-8000-000000000002', 'seed/hip-opener.png',                 'image/png',  20141);

INSERT INTO public.program (id, coach_id, title, description, cover_asset_id) VALUES
  ('9a0a0000-0000-4000-8000-000000000001', 'c0ac0000-0000-4000-8000-000000000001', 'Strength Foundations',
   '<p>Four weeks of <strong>full-body strength</strong> for beginners.</p><ul><li>3 sessions a week</li><li>No machines</li></ul>',
   'a55e0000-0000-4000-8000-000000000001'),
  ('9a0a0000-0000-4000-8000-000000000002', 'c0ac0000-0000-4000-8000-000000000002', 'Mobility Reset',
   '<p>Ten-minute daily mobility.<script>alert("x")</script></p>',
   'a55e0000-0000-4000-8000-000000000005'),
  ('9a0a0000-0000-4000-8000-000000000003', 'c0ac0000-0000-4000-8000-000000000001', 'Draft: Conditioning',
   NULL, NULL);

INSERT INTO public.session (id, program_id, position, title, description) VALUES
  ('5e550000-0000-4000-8000-000000000001', '9a0a0000-0000-4000-8000-000000000001', 0, 'Day A: Legs and core', '<p>Warm up for <em>5 minutes</em> first.</p>'),
  ('5e550000-0000-4000-8000-000000000002', '9a0a0000-0000-4000-8000-000000000001', 1, 'Day B: Upper body',    NULL),
  ('5e550000-0000-4000-8000-000000000003', '9a0a0000-0000-4000-8000-000000000002', 0, 'Morning flow',         '<p>Slow and steady.</p>');

INSERT INTO public.exercise (id, session_id, position, name, instructions, image_asset_id, sets, reps, duration_seconds, rest_seconds) VALUES
  ('e8e80000-0000-4000-8000-000000000001', '5e550000-0000-4000-8000-000000000001', 0, 'Goblet squat',
   '<p>Feet shoulder-width, chest up, sit <strong>between</strong> your heels.</p>', 'a55e0000-0000-4000-8000-000000000002', 3, 10, NULL, 90),
  ('e8e80000-0000-4000-8000-000000000002', '5e550000-0000-4000-8000-000000000001', 1, 'Plank',
   '<p>Straight line from head to heels.</p>', 'a55e0000-0000-4000-8000-000000000004', 3, NULL, 30, 60),
  ('e8e80000-0000-4000-8000-000000000003', '5e550000-0000-4000-8000-000000000002', 0, 'Push-up',
   '<p>Hands under shoulders. <a href="https://example.com/push-up">Video</a></p>', 'a55e0000-0000-4000-8000-000000000003', 4, 8, NULL, 90),
  ('e8e80000-0000-4000-8000-000000000004', '5e550000-0000-4000-8000-000000000003', 0, 'Hip opener',
   '<p>Breathe into the stretch.</p>', 'a55e0000-0000-4000-8000-000000000006', 2, NULL, 45, 15),
  ('e8e80000-0000-4000-8000-000000000005', '5e550000-0000-4000-8000-000000000003', 1, 'Cat-cow',
   NULL, NULL, 2, 10, NULL, NULL);

-- Fixture for the v1 row API, run_sql cascade, bulk tracking and function mutation tests.
CREATE TABLE author (
  id     serial PRIMARY KEY,
  name   text NOT NULL,
  email  text
);
CREATE TABLE article (
  id         serial PRIMARY KEY,
  author_id  integer NOT NULL REFERENCES author (id),
  title      text NOT NULL CONSTRAINT article_title_key UNIQUE,
  views      integer NOT NULL DEFAULT 0,
  rating     integer
);
INSERT INTO author (id, name, email) VALUES (1, 'Ada', 'ada@example.com'), (2, 'Alan', NULL), (3, 'Grace', 'g@example.com');
SELECT setval('author_id_seq', 3);
INSERT INTO article (id, author_id, title, views, rating) VALUES
  (1, 1, 'Notes', 10, 5), (2, 1, 'Engines', 20, NULL), (3, 2, 'Machines', 30, 4), (4, 3, 'Compilers', 40, 3);
SELECT setval('article_id_seq', 4);

-- bulk tracking and run_sql cascade
CREATE TABLE gizmo (id serial PRIMARY KEY, label text);
CREATE TABLE widget (id serial PRIMARY KEY, gizmo_id integer REFERENCES gizmo (id), size integer);
CREATE TABLE sprocket (id serial PRIMARY KEY, teeth integer);
CREATE VIEW big_widget AS SELECT id FROM widget WHERE id > 10;

-- functions exposed as mutations
CREATE TABLE audit (id serial PRIMARY KEY, who text, role text, amount integer);
CREATE FUNCTION add_views(article_id integer, amount integer) RETURNS SETOF article
  LANGUAGE sql VOLATILE AS $$ UPDATE article SET views = views + amount WHERE id = article_id RETURNING * $$;
CREATE FUNCTION stamp_audit(hasura_session json, amount integer) RETURNS SETOF audit
  LANGUAGE sql VOLATILE AS $$
    INSERT INTO audit (who, role, amount)
    VALUES (hasura_session ->> 'x-hasura-user-id', current_setting('hasura.user', true)::json ->> 'x-hasura-role', amount)
    RETURNING * $$;
CREATE FUNCTION top_articles(min_views integer) RETURNS SETOF article
  LANGUAGE sql STABLE AS $$ SELECT * FROM article WHERE views >= min_views $$;

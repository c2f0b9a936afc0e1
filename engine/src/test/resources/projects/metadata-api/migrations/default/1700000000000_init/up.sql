-- Fixture for the metadata API and event trigger tests: changed freely by those tests only.
CREATE TABLE author (
  id     serial PRIMARY KEY,
  name   text NOT NULL,
  email  text
);
CREATE TABLE article (
  id         serial PRIMARY KEY,
  author_id  integer NOT NULL REFERENCES author (id),
  title      text NOT NULL,
  body       text
);
CREATE TABLE tag (id serial PRIMARY KEY, label text NOT NULL, article_id integer);
CREATE TABLE note (id serial PRIMARY KEY, body text, importance integer NOT NULL DEFAULT 0);

CREATE FUNCTION search_articles(search text) RETURNS SETOF article
  LANGUAGE sql STABLE AS $$ SELECT * FROM article WHERE title ILIKE '%' || search || '%' $$;
CREATE FUNCTION author_display_name(author_row author) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT author_row.name || ' <' || coalesce(author_row.email, '-') || '>' $$;

INSERT INTO author (id, name, email) VALUES (1, 'Ada', 'ada@example.com'), (2, 'Alan', NULL);
SELECT setval('author_id_seq', 2);
INSERT INTO article (id, author_id, title, body) VALUES (1, 1, 'Notes', 'engine'), (2, 2, 'Machines', NULL);
SELECT setval('article_id_seq', 2);

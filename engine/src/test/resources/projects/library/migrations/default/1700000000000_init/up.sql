-- The fixture library: authors, articles and comments, with every column type the engine maps.
CREATE TABLE author (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  email       text UNIQUE,
  rating      integer,
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT '2024-01-01T00:00:00Z',
  profile     jsonb,
  tags        text[]
);
COMMENT ON TABLE author IS 'people who write articles';

CREATE TABLE article (
  id            serial PRIMARY KEY,
  author_id     integer NOT NULL REFERENCES author (id),
  title         text NOT NULL,
  body          text,
  published     boolean NOT NULL DEFAULT false,
  views         bigint NOT NULL DEFAULT 0,
  score         numeric(5, 2),
  published_on  date,
  external_id   uuid,
  metadata      jsonb
);
CREATE INDEX article_author_id ON article (author_id);

CREATE TABLE comment (
  id          serial PRIMARY KEY,
  article_id  integer NOT NULL REFERENCES article (id),
  author_id   integer REFERENCES author (id),
  body        text NOT NULL,
  likes       integer NOT NULL DEFAULT 0,
  body_length integer GENERATED ALWAYS AS (length(body)) STORED
);
CREATE INDEX comment_article_id ON comment (article_id);

CREATE VIEW popular_article AS SELECT id, author_id, title, views FROM article WHERE views >= 100;

-- Records who changed an article, from the session variables the engine sets in its mutation transactions.
CREATE TABLE article_audit (id serial PRIMARY KEY, article_id integer, hasura_user jsonb);
CREATE FUNCTION audit_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO article_audit (article_id, hasura_user) VALUES (NEW.id, nullif(current_setting('hasura.user', true), '')::jsonb);
  RETURN NEW;
END $$;
CREATE TRIGGER article_audit AFTER INSERT OR UPDATE ON article FOR EACH ROW EXECUTE FUNCTION audit_article();

-- Tracked functions and computed fields.
CREATE FUNCTION search_articles(search text) RETURNS SETOF article LANGUAGE sql STABLE
  AS $$ SELECT * FROM article WHERE title ILIKE '%' || search || '%' $$;
CREATE FUNCTION my_articles(hasura_session json) RETURNS SETOF article LANGUAGE sql STABLE
  AS $$ SELECT * FROM article WHERE author_id = (hasura_session ->> 'x-hasura-user-id')::integer $$;
CREATE FUNCTION author_display_name(author_row author) RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT author_row.name || ' <' || coalesce(author_row.email, '-') || '>' $$;
CREATE FUNCTION author_popular_articles(author_row author, min_views bigint DEFAULT 100) RETURNS SETOF article
  LANGUAGE sql STABLE AS $$ SELECT * FROM article WHERE author_id = author_row.id AND views >= min_views $$;

CREATE TABLE untracked_secret (id serial PRIMARY KEY, note text);

INSERT INTO author (id, name, email, rating, is_active, created_at, profile, tags) VALUES
  (1, 'Ada Lovelace', 'ada@example.com', 5, true, '2024-01-01T10:00:00Z', '{"city": "London", "langs": ["en", "fr"], "age": 36}', '{math,poetry}'),
  (2, 'Alan Turing', 'alan@example.com', 4, true, '2024-01-02T10:00:00Z', '{"city": "Manchester", "langs": ["en"]}', '{math,computing}'),
  (3, 'Grace Hopper', NULL, 5, false, '2024-01-03T10:00:00Z', NULL, NULL),
  (4, 'Edsger Dijkstra', 'ewd@example.com', NULL, true, '2024-01-04T10:00:00Z', '{"city": "Austin"}', '{}');
SELECT setval('author_id_seq', 4);

INSERT INTO article (id, author_id, title, body, published, views, score, published_on, external_id, metadata) VALUES
  (1, 1, 'Notes on the Analytical Engine', 'The engine weaves algebraic patterns.', true, 500, 9.50, '1843-09-01', '11111111-1111-1111-1111-111111111111', '{"topic": "computing", "pages": 65}'),
  (2, 1, 'Poetical Science', NULL, false, 20, 7.25, NULL, NULL, NULL),
  (3, 2, 'Computing Machinery and Intelligence', 'Can machines think?', true, 900, 9.90, '1950-10-01', '22222222-2222-2222-2222-222222222222', '{"topic": "ai", "pages": 27}'),
  (4, 2, 'On Computable Numbers', 'Entscheidungsproblem.', true, 100, NULL, '1936-11-12', NULL, '{"topic": "computing"}'),
  (5, 4, 'Go To Statement Considered Harmful', 'Letters to the editor.', true, 100, 8.00, '1968-03-01', NULL, '{"topic": "programming"}');
SELECT setval('article_id_seq', 5);

INSERT INTO comment (id, article_id, author_id, body, likes) VALUES
  (1, 1, 2, 'Remarkable foresight.', 10),
  (2, 1, 4, 'Elegant.', 3),
  (3, 3, 1, 'Machines may compose music.', 7),
  (4, 3, NULL, 'Anonymous praise.', 0),
  (5, 5, 2, 'Strongly agree.', 2);
SELECT setval('comment_id_seq', 5);

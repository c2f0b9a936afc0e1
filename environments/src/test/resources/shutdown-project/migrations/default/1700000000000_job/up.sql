CREATE TABLE job (id serial PRIMARY KEY, name text NOT NULL);

CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE place (
  id        serial PRIMARY KEY,
  name      text NOT NULL,
  location  geometry(Point, 4326),
  area      geometry(Polygon, 4326),
  spot      geography(Point, 4326)
);
INSERT INTO place (name, location, area, spot) VALUES
  ('Gym', ST_SetSRID(ST_MakePoint(13.4050, 52.5200), 4326),
   ST_GeomFromText('POLYGON((13.40 52.51, 13.41 52.51, 13.41 52.53, 13.40 52.53, 13.40 52.51))', 4326),
   ST_SetSRID(ST_MakePoint(13.4050, 52.5200), 4326)::geography),
  ('Park', ST_SetSRID(ST_MakePoint(13.3777, 52.5163), 4326), NULL,
   ST_SetSRID(ST_MakePoint(13.3777, 52.5163), 4326)::geography);

-- Row ids are handed out in blocks of 10,000: with the default small block, H2 wrote the whole
-- database state to disk each time a block ran out (several times per group commit).
ALTER TABLE report ALTER COLUMN id SET CACHE 10000;

-- Sealed secret records (issue 18; own Flyway history: flyway_secrets_history): OAuth token pairs and client secrets, encrypted with
-- AES-256-GCM by the SDK (SecretVault) before they reach this table. The table never holds a
-- secret in clear; the key id travels inside each record. Readable by its owner only: no grant
-- to PUBLIC (the revoke documents it; PostgreSQL grants nothing on new tables by default).
CREATE TABLE sealed_records (
  name        TEXT   PRIMARY KEY,
  sealed      BYTEA  NOT NULL,
  updated_at  BIGINT NOT NULL
);
REVOKE ALL ON sealed_records FROM PUBLIC;

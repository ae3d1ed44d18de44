/// One step of the PostgreSQL store's schema, applied once, in order, by the program itself
/// (``PostgresSchema/upgrade(_:)``). Steps are never edited once released: a change is a new step.
struct PostgresMigration: Sendable {
    /// The schema version this step brings the database to (1, 2, 3 … without gaps).
    let version: Int
    /// What it does, recorded in `dealers_migrations`.
    let description: String
    /// The statements, run in one transaction with the version's record.
    let statements: [String]

    /// Every step, oldest first.
    static let all: [PostgresMigration] = [
        PostgresMigration(version: 1, description: "documents and store metadata", statements: [
            // `raw` is the document exactly as the JSON store keeps it (compact, sorted keys):
            // what reads return, so both backends give the same bytes. `doc` is the same JSON
            // as jsonb, derived by the server, for SQL queries and indexes (jsonb normalises:
            // key order, white space, duplicate keys). The key is in "C" collation, i.e. byte
            // order, the JSON store's key order: prefix scans walk the primary key's index.
            """
            CREATE TABLE dealers_documents (
                key text COLLATE "C" PRIMARY KEY,
                raw text NOT NULL,
                doc jsonb GENERATED ALWAYS AS (raw::jsonb) STORED
            )
            """,
            "CREATE TABLE dealers_meta (name text PRIMARY KEY, value text NOT NULL)",
            """
            INSERT INTO dealers_meta (name, value) VALUES
                ('schemaVersion', '2'), ('createdBy', 'dealers'),
                ('createdAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
            """,
        ]),
        // Leases instead of advisory locks (issue 33; docs/scaling.md, "Leases"), and a regular
        // table instead of each session's temporary one, so that the same SQL runs on engines
        // without either (CockroachDB, YugabyteDB).
        PostgresMigration(version: 2, description: "claims as leases, fencing tokens, changes of open transactions", statements: [
            // Every statement may run again (`store verify` tells an operator who dropped one of
            // these by hand to delete this step's record and the later ones, and the next open
            // makes them anew).
            // One row per claim: an input (`input/<sha256>`) or a once-only job (`job/nightly`,
            // `job/reports`). `lease_until` is the database's clock; `token` grows with every
            // claim, so a worker whose lease was taken over cannot commit (its token is gone).
            """
            CREATE TABLE IF NOT EXISTS dealers_claims (
                key text COLLATE "C" PRIMARY KEY,
                worker text NOT NULL,
                lease_until timestamptz NOT NULL,
                token bigint NOT NULL
            )
            """,
            "CREATE SEQUENCE IF NOT EXISTS dealers_fencing",
            // The keys an open transaction changed, rows inserted and deleted inside that one
            // transaction (so never visible to another): what `forEachChange` walks.
            """
            CREATE TABLE IF NOT EXISTS dealers_changes (
                tx bigint NOT NULL,
                key text COLLATE "C" NOT NULL,
                PRIMARY KEY (tx, key)
            )
            """,
            "CREATE SEQUENCE IF NOT EXISTS dealers_transactions",
            // The row a writing transaction locks (`FOR UPDATE`) while one writer at a time applies.
            "INSERT INTO dealers_meta (name, value) VALUES ('writer', '') ON CONFLICT (name) DO NOTHING",
        ]),
        // Each document stored once (issue 33; docs/store.md, "Documents as jsonb, stored once"):
        // the stored `doc` column was a second copy of every document, and about half of what
        // the server spent writing a file's documents (heap and write-ahead log). `jsonb` is now
        // what the view `dealers_documents_jsonb` computes from `raw` when it is read, and what an
        // expression index keeps; the check makes the server refuse text that is not JSON, as the
        // column's cast did.
        PostgresMigration(version: 3, description: "documents stored once, jsonb through a view; what a transaction did to each key it changed", statements: [
            "DROP VIEW IF EXISTS dealers_documents_jsonb",
            "ALTER TABLE dealers_documents DROP COLUMN IF EXISTS doc",
            "ALTER TABLE dealers_documents DROP CONSTRAINT IF EXISTS dealers_documents_raw_is_json",
            "ALTER TABLE dealers_documents ADD CONSTRAINT dealers_documents_raw_is_json CHECK (raw::json IS NOT NULL)",
            "CREATE VIEW dealers_documents_jsonb AS SELECT key, raw, raw::jsonb AS doc FROM dealers_documents",
            // What a transaction did to each key it listed (docs/scaling.md, "The change log's
            // walk"): its first change created the document (none was there before it), its
            // last deleted it — so the walk reads back neither.
            "ALTER TABLE dealers_changes ADD COLUMN IF NOT EXISTS created boolean NOT NULL DEFAULT false",
            "ALTER TABLE dealers_changes ADD COLUMN IF NOT EXISTS deleted boolean NOT NULL DEFAULT false",
        ]),
    ]
}

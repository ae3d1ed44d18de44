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
    ]
}

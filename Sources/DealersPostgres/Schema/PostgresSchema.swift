import DealersStore

/// Creates and upgrades the store's tables in a PostgreSQL database.
///
/// `dealers_migrations` records each applied ``PostgresMigration``. Every open runs
/// ``upgrade(_:)``: each missing step runs in its own transaction that first inserts the step's
/// record, so workers starting together upgrade once — a second worker's insert waits for the
/// first one's transaction and then finds the step done (a unique violation: it moves on) —
/// without any lock statement an engine other than PostgreSQL could lack. An interrupted upgrade
/// resumes at the step that did not commit. A database whose schema is newer than this program's
/// is refused rather than misread.
enum PostgresSchema {
    /// The schema version this program writes.
    static var current: Int { PostgresMigration.all.last?.version ?? 0 }

    /// Brings the database to ``current``.
    /// - Throws: ``DealersError`` `.corruptStore` for a newer schema, `.io` from the server.
    static func upgrade(_ connection: BlockingConnection) throws {
        let create = """
            CREATE TABLE IF NOT EXISTS dealers_migrations (
                version integer PRIMARY KEY, description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """
        // Two first opens may race on the catalog; the loser finds the table made.
        do { try connection.execute(create) } catch { try connection.execute(create) }
        let rows = try connection.query("SELECT version::bigint FROM dealers_migrations")
        let applied = Set(try rows.map { try Int($0.decode(Int64.self)) })
        if let newest = applied.max(), newest > current {
            throw DealersError(.corruptStore, path: connection.url.description,
                               "the store's schema is version \(newest), newer than this dealers knows (\(current)); use a newer dealers")
        }
        // Every step without its record, oldest first: a record an operator deleted to make a
        // step's objects anew (what `store verify` tells) runs that step again, whatever came after.
        for step in PostgresMigration.all where !applied.contains(step.version) {
            try connection.execute("BEGIN")
            do {
                var binds = PostgresBindingsBuilder()
                binds.append(Int64(step.version))
                binds.append(step.description)
                let inserted = try connection.query("""
                    INSERT INTO dealers_migrations (version, description) VALUES ($1, $2)
                    ON CONFLICT (version) DO NOTHING RETURNING version
                    """, binds.bindings)
                guard !inserted.isEmpty else {   // another worker applied it meanwhile
                    try connection.execute("ROLLBACK")
                    continue
                }
                for statement in step.statements { try connection.execute(statement) }
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }
}

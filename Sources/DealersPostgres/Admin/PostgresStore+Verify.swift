import DealersStore

extension PostgresStore {
    /// The tables, sequences and rows the store needs besides its documents (the leases, the
    /// transactions' change lists, the writer row), each missing one as a problem for
    /// `store verify` — what an operator who dropped one by hand is told, with the repair.
    public func schemaProblems() throws -> [String] {
        let connection = try readerConnection()
        var problems: [String] = []
        let repair = "DELETE FROM dealers_migrations WHERE version = 2, then open the store again (any dealers command) to make it anew"
        var binds = PostgresBindingsBuilder()
        binds.append(["dealers_claims", "dealers_changes"])
        let tables = Set(try connection.query("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_name::text = ANY($1::text[])
            """, binds.bindings).map { try $0.decode(String.self) })
        for table in ["dealers_claims", "dealers_changes"] where !tables.contains(table) {
            problems.append("\(url): the table \(table) is missing (workers cannot claim or apply files without it): \(repair)")
        }
        binds = PostgresBindingsBuilder()
        binds.append(["dealers_fencing", "dealers_transactions"])
        let sequences = Set(try connection.query("""
            SELECT sequence_name::text FROM information_schema.sequences
            WHERE sequence_schema = current_schema() AND sequence_name::text = ANY($1::text[])
            """, binds.bindings).map { try $0.decode(String.self) })
        for sequence in ["dealers_fencing", "dealers_transactions"] where !sequences.contains(sequence) {
            problems.append("\(url): the sequence \(sequence) is missing: \(repair)")
        }
        if try connection.query("SELECT name FROM dealers_meta WHERE name = 'writer'").isEmpty {
            problems.append("\(url): the row 'writer' of dealers_meta is missing (transactions would not wait for each other): \(repair)")
        }
        return problems
    }
}

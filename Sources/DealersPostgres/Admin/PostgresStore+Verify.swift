import DealersStore

extension PostgresStore {
    /// The tables, sequences, views and rows the store needs besides its documents (the leases, the
    /// transactions' change lists, the writer row, the documents as jsonb), each missing one as a problem for
    /// `store verify` — what an operator who dropped one by hand is told, with the repair.
    public func schemaProblems() throws -> [String] {
        let connection = try readerConnection()
        var problems: [String] = []
        let repair = Self.repair(version: 2)
        for table in try Self.missing(["dealers_claims", "dealers_changes"], in: "tables", connection) {
            problems.append("\(url): the table \(table) is missing (workers cannot claim or apply files without it): \(repair)")
        }
        for sequence in try Self.missing(["dealers_fencing", "dealers_transactions"], in: "sequences", connection) {
            problems.append("\(url): the sequence \(sequence) is missing: \(repair)")
        }
        if try connection.query("SELECT name FROM dealers_meta WHERE name = 'writer'").isEmpty {
            problems.append("\(url): the row 'writer' of dealers_meta is missing (transactions would not wait for each other): \(repair)")
        }
        if !(try Self.missing(["dealers_documents_jsonb"], in: "tables", connection)).isEmpty {
            problems.append("\(url): the view dealers_documents_jsonb is missing (the documents as jsonb, for SQL): \(Self.repair(version: 3))")
        }
        return problems
    }

    /// How an operator makes a migration step's objects anew (and the later steps', which may
    /// change them: every step's statements may run again).
    private static func repair(version: Int) -> String {
        "DELETE FROM dealers_migrations WHERE version >= \(version), then open the store again (any dealers command) to make them anew"
    }

    /// Which of `names` the current schema lacks, among its `tables` (views included) or `sequences`
    /// (`information_schema`, which every engine speaking PostgreSQL's dialect has).
    private static func missing(_ names: [String], in kind: String, _ connection: BlockingConnection) throws -> [String] {
        let (view, schema, name) = kind == "tables" ? ("tables", "table_schema", "table_name")
            : ("sequences", "sequence_schema", "sequence_name")
        var binds = PostgresBindingsBuilder()
        binds.append(names)
        let found = Set(try connection.query("""
            SELECT \(name)::text FROM information_schema.\(view)
            WHERE \(schema) = current_schema() AND \(name)::text = ANY($1::text[])
            """, binds.bindings).map { try $0.decode(String.self) })
        return names.filter { !found.contains($0) }
    }
}

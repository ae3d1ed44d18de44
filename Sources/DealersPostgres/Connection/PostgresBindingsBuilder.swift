import PostgresNIO

/// Parameters of one statement, `$1`, `$2` … in order (the values are sent apart from the SQL,
/// never spliced into it).
struct PostgresBindingsBuilder {
    private(set) var bindings = PostgresBindings()

    mutating func append(_ value: String) { bindings.append(value) }
    mutating func append(_ value: Int64) { bindings.append(value) }
    mutating func append(_ value: Double) { bindings.append(value) }
    mutating func append(_ value: [String]) { bindings.append(value) }
    mutating func append(_ value: TextArray) { bindings.append(value) }
    mutating func append(_ value: [Int64]) { bindings.append(value) }
    mutating func append(_ value: [Bool]) { bindings.append(value) }
}

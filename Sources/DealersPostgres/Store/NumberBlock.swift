import DealersStore

/// Contract numbers for the transactions of a store that applies files concurrently, taken in
/// blocks from the counter row `nextContract` of `dealers_meta` (docs/store.md, "The PostgreSQL
/// backend").
///
/// A block is taken by one `UPDATE … RETURNING` on the store's reader connection, outside the
/// file's transaction (so the counter's row is locked for that statement only, never for a
/// file's life), never below the floor `sequence.json` gives. What a transaction did not use is
/// handed back when it ends, if no other transaction took a block after it, so one worker alone
/// numbers contracts without gaps, as the JSON store does; with several, a number handed out and
/// not used (a block given up, a file rolled back) stays unused: numbers are unique and grow, not
/// gap-free.
struct NumberBlock {
    /// The next number to hand out and the end of the block (exclusive).
    private(set) var next = 0
    private(set) var end = 0
    /// Numbers asked for the next block (it doubles up to ``largest``).
    private var size = 16
    private static let largest = 4_096

    /// The next number, taking a new block through `store` when this one is used up.
    mutating func take(atLeast floor: Int, from store: PostgresStore) throws -> Int {
        if next >= end || next < floor {
            try giveBack(to: store)
            var binds = PostgresBindingsBuilder()
            binds.append(Int64(floor))
            binds.append(Int64(size))
            let rows = try store.readerConnection().query("""
                INSERT INTO dealers_meta AS m (name, value) VALUES ('nextContract', ($1 + $2)::text)
                ON CONFLICT (name) DO UPDATE SET value = (greatest(m.value::bigint, $1) + $2)::text
                RETURNING value::bigint
                """, binds.bindings)
            let last = try Int(rows.first?.decode(Int64.self) ?? 0)
            end = last
            next = last - size
            size = min(size * 2, Self.largest)
        }
        defer { next += 1 }
        return next
    }

    /// Hands the unused rest of the block back, when the counter still stands at its end.
    mutating func giveBack(to store: PostgresStore) throws {
        guard next < end else { return }
        var binds = PostgresBindingsBuilder()
        binds.append(String(next))
        binds.append(String(end))
        try store.readerConnection().query(
            "UPDATE dealers_meta SET value = $1 WHERE name = 'nextContract' AND value = $2", binds.bindings)
        next = 0
        end = 0
    }
}

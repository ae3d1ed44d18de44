import PostgresNIO

/// A `text[]` parameter built element by element into one buffer, in PostgreSQL's binary array
/// format: a batch's keys and documents are copied once, as they are added, where an array of
/// `String`s went through postgres-nio's generic encoding of each element (a tenth of the
/// writer's time on a large file).
struct TextArray: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    /// The elements, each its length (32 bits) and its UTF-8 bytes.
    private var elements = ByteBuffer()
    /// How many elements were added.
    private(set) var count = 0

    /// An empty array.
    init() {}

    /// Adds a string (a key, or a document of the store's codecs: far below the 1 GiB a
    /// PostgreSQL value may hold).
    mutating func append(_ text: String) {
        elements.writeInteger(Int32(text.utf8.count))
        elements.writeString(text)
        count += 1
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Dimensions (0 for an empty array), whether any element is NULL, the elements' type.
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))
        buffer.writeInteger(Int32(0))
        buffer.writeInteger(PostgresDataType.text.rawValue)
        guard count > 0 else { return }
        // The one dimension: its length and lower bound.
        buffer.writeInteger(Int32(count))
        buffer.writeInteger(Int32(1))
        var elements = elements
        buffer.writeBuffer(&elements)
    }
}

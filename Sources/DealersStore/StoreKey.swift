import Foundation

/// The name of one document in a ``DocumentStore``: a relative path such as `users/3f/12345678Z.json`.
///
/// A key is validated once, when it is made, so the store never has to distrust one:
/// components are separated by `/`, none is empty, none starts with `.` (this rules out `.`, `..`
/// and the store's own hidden temporary files), each uses only `A-Z a-z 0-9 . _ -` and is at most
/// ``maxComponentLength`` bytes long. The first component may not be one of the store's own
/// entries (``reservedNames``: `journal`, `lock`, `meta.json`, `manifest.json`, `segments`).
public struct StoreKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Longest component accepted; leaves room under NAME_MAX (255) for temporary-file decoration.
    public static let maxComponentLength = 200
    /// Top-level names the store uses for itself.
    public static let reservedNames: Set<String> = ["journal", "lock", "meta.json", "manifest.json", "segments"]

    /// The relative path of the document inside the store folder.
    public let path: String

    /// Validates `path` and makes a key of it.
    /// - Throws: ``DealersError`` of kind `.data` explaining which rule the path breaks.
    public init(_ path: String) throws {
        try StoreKey.validate(path, what: "document key")
        self.path = path
    }

    /// A key read back from the store's own files, where it was validated when it was written.
    init(trusted path: String) {
        self.path = path
    }

    /// Calls `body` with the key's UTF-8 bytes.
    @inline(__always)
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        if let result = try path.utf8.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return try Array(path.utf8).withUnsafeBytes(body)
    }

    /// The path components of the key, e.g. `["users", "3f", "12345678Z.json"]`.
    public var components: [Substring] { path.split(separator: "/") }

    /// The key's last component, e.g. `12345678Z.json`.
    public var name: String { components.last.map(String.init) ?? path }

    public var description: String { path }

    public static func < (lhs: StoreKey, rhs: StoreKey) -> Bool {
        lhs.withBytes { a in rhs.withBytes { b in KeyBytes.compare(a, b) < 0 } }
    }

    /// ``reservedNames`` as bytes, compared with a key's first component without making a string of it.
    private static let reservedNameBytes: [[UInt8]] = reservedNames.map { Array($0.utf8) }

    /// Checks a key or a folder prefix against the rules above.
    static func validate(_ path: String, what: String, allowEmpty: Bool = false) throws {
        if path.isEmpty {
            if allowEmpty { return }
            throw DealersError(.data, "invalid \(what) \"\(path)\": it is empty")
        }
        // One pass over the bytes for the usual, valid key; the slow path below says what is wrong.
        let valid = path.utf8.withContiguousStorageIfAvailable { isValid(UnsafeRawBufferPointer($0)) }
            ?? Array(path.utf8).withUnsafeBytes(isValid)
        if valid { return }
        try explainInvalid(path, what: what)
    }

    /// Throws the error that says which rule `path` breaks.
    private static func explainInvalid(_ path: String, what: String) throws {
        func fail(_ reason: String) -> DealersError {
            DealersError(.data, "invalid \(what) \"\(path)\": \(reason)")
        }
        if path.hasPrefix("/") { throw fail("it must be relative, not start with \"/\"") }
        if path.hasSuffix("/") { throw fail("it must not end with \"/\"") }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            if part.isEmpty { throw fail("it has an empty component (\"//\")") }
            if part == ".." || part == "." { throw fail("it must not contain \"\(part)\"") }
            if part.hasPrefix(".") { throw fail("component \"\(part)\" must not start with \".\"") }
            if part.utf8.count > maxComponentLength {
                throw fail("component is longer than \(maxComponentLength) characters")
            }
            for byte in part.utf8 where !isAllowed(byte) {
                throw fail("component \"\(part)\" may only use A-Z, a-z, 0-9, \".\", \"_\" and \"-\"")
            }
        }
        if let first = parts.first, reservedNames.contains(String(first)) {
            throw fail("\"\(first)\" is reserved for the store itself")
        }
        throw fail("it is not a valid key")
    }

    /// Whether a non-empty key's bytes follow every rule (the fast check of ``validate(_:what:allowEmpty:)``).
    private static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var componentLength = 0
        var firstEnd: Int?
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "/") {
                if componentLength == 0 { return false }
                if firstEnd == nil { firstEnd = i }
                componentLength = 0
                continue
            }
            if componentLength == 0 && byte == UInt8(ascii: ".") { return false }
            guard isAllowed(byte) else { return false }
            componentLength += 1
            if componentLength > maxComponentLength { return false }
        }
        guard componentLength > 0 else { return false }
        let first = UnsafeRawBufferPointer(rebasing: bytes[..<(firstEnd ?? bytes.count)])
        return !reservedNameBytes.contains { $0.elementsEqual(first) }
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}

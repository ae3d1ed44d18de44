import Foundation
import DealersStore
import DealersSupport

/// What the fast codecs do with a document they do not follow: hand it to `JSONDecoder` through
/// ``StoreJSON/decode(_:from:path:)``, so the value or the error is exactly Codable's.
package enum StoreJSONFallback {
    /// Decodes `bytes` with `JSONDecoder`.
    /// - Throws: ``DealersError`` of kind `.corruptStore` naming the JSON location; without a
    ///   `path`, the error names none.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer, path: String?) throws -> T {
        do {
            return try StoreJSON.decode(type, from: Data(bytes), path: path ?? "")
        } catch let error as DealersError {
            throw DealersError(error.kind, path: path, error.message)
        }
    }
}

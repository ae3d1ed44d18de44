import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body.
struct FormFields {
    private var values: [String: String] = [:]

    /// The fields of a body (the last of repeated names wins).
    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[decode(pieces[0])] = pieces.count > 1 ? decode(pieces[1]) : ""
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// Every field's name.
    var names: Dictionary<String, String>.Keys { values.keys }

    /// Reads a form body: a small one (sign-in, sign-out: at most 16 KB) unless `limit` says more.
    static func read(_ request: Request, limit: Int = 16 * 1024) async throws -> FormFields {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return FormFields(String(buffer: buffer))
    }
}

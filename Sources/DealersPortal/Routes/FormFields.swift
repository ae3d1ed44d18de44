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

    /// Reads a small form body (sign-in, sign-out: at most 16 KB).
    static func read(_ request: Request) async throws -> FormFields {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 * 1024)
        return FormFields(String(buffer: buffer))
    }
}

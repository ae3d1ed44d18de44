import Foundation

extension Layout {
    /// When the layout's file-name pattern takes `.xlsx` names but not `.ods` ones — a workspace
    /// whose layouts were copied before OpenDocument spreadsheets were read — the pattern that
    /// takes both, for `dealers layouts` to show as the one change to make; `nil` otherwise.
    /// (An `.ods` is still read when its header identifies the layout.)
    public var patternTakingODS: (current: String, suggested: String)? {
        guard let pattern = match.fileNamePattern, pattern.contains("xlsx"), !pattern.lowercased().contains("ods") else {
            return nil
        }
        // Inside an alternation (`\.(csv|txt|xlsx)$`) one more branch; alone (`\.xlsx$`) a group.
        let inAlternation = pattern.contains("|xlsx") || pattern.contains("(xlsx")
        let suggested = pattern.replacingOccurrences(of: "xlsx", with: inAlternation ? "xlsx|ods" : "(?:xlsx|ods)")
        guard (try? NSRegularExpression(pattern: suggested)) != nil else { return nil }
        return (pattern, suggested)
    }

    /// The hint for ``patternTakingODS``: the layout file and its line as it is and as it should be.
    public var odsPatternHint: String? {
        guard let (current, suggested) = patternTakingODS else { return nil }
        let file = source?.lastPathComponent ?? "\(name).json"
        return "\(file): its fileNamePattern takes .xlsx files but not LibreOffice's .ods ones (read only when their header "
            + "identifies the layout); to take them by name too, change \"fileNamePattern\": \(Self.jsonString(current)) "
            + "to \"fileNamePattern\": \(Self.jsonString(suggested))"
    }

    /// A string as it is written in a layout's JSON.
    private static func jsonString(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\(s)\""
    }
}

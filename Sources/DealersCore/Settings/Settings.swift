import Foundation

/// The workspace's settings from `dealers.json`; every key is optional and the defaults work.
public struct Settings: Sendable {
    /// Declared dealers: each has `inbox/<CODE>/` and `outbox/<CODE>/`.
    public var dealers: [String]
    /// Language of messages, headers and sheet names.
    public var language: Language
    /// Time zone that decides "today" for `--as-of`'s default.
    public var timeZone: TimeZone
    /// Country used for national phone numbers when a row gives none.
    public var defaultCountry: String
    /// Seconds a file's size and mtime must stay unchanged before it is picked up.
    public var stabilitySeconds: Double

    /// The defaults: no dealers, Spanish, Europe/Madrid, ES, 2 seconds.
    public static let defaults = Settings(dealers: [], language: .es, timeZone: TimeZone(identifier: "Europe/Madrid") ?? .current,
                                          defaultCountry: "ES", stabilitySeconds: 2)

    static let keys: Set<String> = ["$schema", "dealers", "language", "timeZone", "defaultCountry", "stabilitySeconds"]

    /// Loads `dealers.json` from a workspace root, or the defaults when it does not exist.
    /// - Throws: ``DealersError`` of kind `.config` naming the key and what was expected.
    public static func load(root: URL) throws -> Settings {
        let url = root.appendingPathComponent("dealers.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return .defaults }
        let top = try JSONCursor.load(url, errorKind: .config).object(allowed: keys)
        var s = Settings.defaults
        if let d = top["dealers"] {
            s.dealers = try d.array().map { item in
                let code = try item.string()
                guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw item.fail("a dealer code uses only letters, digits, - and _; found \"\(code)\"")
                }
                return code
            }
        }
        if let l = top["language"] { s.language = try l.enumValue(Language.self) }
        if let t = top["timeZone"] {
            let name = try t.string()
            guard let zone = TimeZone(identifier: name) else { throw t.fail("unknown time zone \"\(name)\" (e.g. Europe/Madrid)") }
            s.timeZone = zone
        }
        if let c = top["defaultCountry"] {
            let code = try c.string().uppercased()
            guard case .success = DomainFormat.country.check(code) else { throw c.fail("\"\(code)\" is not an ISO 3166-1 alpha-2 country") }
            s.defaultCountry = code
        }
        if let w = top["stabilitySeconds"] {
            let text = try w.scalarText()
            guard let v = Double(text), v >= 0 else { throw w.fail("expected a number of seconds ≥ 0") }
            s.stabilitySeconds = v
        }
        return s
    }
}

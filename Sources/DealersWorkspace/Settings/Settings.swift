import Foundation
import DealersFormats
import DealersModel
import DealersSupport

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
    /// Whether a file is picked up only once a `<name>.done` marker exists next to it.
    public var requireDoneMarker: Bool
    /// Seconds between inbox scans when `watch` polls (network file systems, or no inotify).
    public var pollSeconds: Double
    /// Length of a contract when neither the row nor the collective says.
    public var defaultContractLength: ContractLength
    /// The payment methods payments may name.
    public var paymentMethods: [PaymentMethod]
    /// The CSV dialect of every CSV written to the outbox.
    public var csvDialect: CSVDialect
    /// Days archived inputs are kept; `nil` keeps them for ever.
    public var archiveRetentionDays: Int?
    /// `watch` regenerates the reports and the sync feed at most this often (seconds), once the
    /// files in hand are done: reports read the whole store, files arrive one by one.
    public var reportIntervalSeconds: Double
    /// Whether a file's records are read and validated on a second thread while this one
    /// applies them (`true`, the default: two cores); `false` does both on one thread.
    public var readerThread: Bool
    /// Where the store is (`"store"`): the JSON store in `store/` unless told otherwise.
    public var store: StoreSetting = .json
    /// Direct-debit creditors and collection settings (`"sepa"`, docs/sepa.md); none by default.
    public var sepa: SEPASetting = .none
    /// A roster whose BAJAs exceed this share of a collective's current contracts is held
    /// (docs/layouts.md, "Roster files").
    public var rosterMaxCancelShare: Double = 0.10
    /// A roster whose BAJAs for one collective exceed this many is held.
    public var rosterMaxCancel: Int = 500

    /// The defaults: no dealers, Spanish, Europe/Madrid, ES, 2 seconds, 1 year, the standard
    /// payment methods, Spanish Excel CSV, archive kept.
    public static let defaults = Settings(
        dealers: [], language: .es, timeZone: TimeZone(identifier: "Europe/Madrid") ?? .current,
        defaultCountry: "ES", stabilitySeconds: 2, requireDoneMarker: false, pollSeconds: 2,
        defaultContractLength: .year, paymentMethods: PaymentMethod.standard, csvDialect: .spanishExcel,
        archiveRetentionDays: nil, reportIntervalSeconds: 60, readerThread: true)

    package static let keys: Set<String> = [
        "$schema", "dealers", "language", "timeZone", "defaultCountry", "stabilitySeconds", "requireDoneMarker",
        "pollSeconds", "defaultContractLength", "paymentMethods", "csv", "archiveRetentionDays", "reportIntervalSeconds",
        "readerThread", "store", "sepa", "rosterMaxCancelShare", "rosterMaxCancel",
    ]

    /// Loads `dealers.json` from a workspace root, or the defaults when it does not exist.
    /// - Throws: ``DealersError`` of kind `.config` naming the key and what was expected.
    public static func load(root: URL) throws -> Settings {
        let url = root.appendingPathComponent("dealers.json")
        guard try FileSystem.exists(url.path, followingLinks: true) else { return .defaults }
        return try parse(JSONCursor.load(url, errorKind: .config))
    }

    /// Parses settings from JSON bytes (`file` names them in errors).
    public static func parse(data: Data, file: String) throws -> Settings {
        try parse(JSONCursor.parse(data, file: file, errorKind: .config))
    }

    package static func parse(_ root: JSONCursor) throws -> Settings {
        let top = try root.object(allowed: keys)
        var s = Settings.defaults
        if let d = top["dealers"] {
            s.dealers = try d.array().map { item in
                let code = try item.string()
                guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                    throw item.fail("a dealer code uses only letters, digits, - and _; found \"\(code)\"")
                }
                return code
            }
            if Set(s.dealers).count != s.dealers.count { throw d.fail("a dealer is listed twice") }
        }
        if let l = top["language"] {
            s.language = try l.enumValue(Language.self)
            s.csvDialect = s.language == .es ? .spanishExcel : .english
        }
        if let t = top["timeZone"] {
            let name = try t.string()
            guard let zone = TimeZone(identifier: name) else { throw t.fail("unknown time zone \"\(name)\" (e.g. Europe/Madrid)") }
            s.timeZone = zone
        }
        if let c = top["defaultCountry"] {
            let code = try c.string().uppercased()
            guard isCountryCode(code) else { throw c.fail("\"\(code)\" is not an ISO 3166-1 alpha-2 country") }
            s.defaultCountry = code
        }
        if let w = top["stabilitySeconds"] { s.stabilitySeconds = try seconds(w) }
        if let p = top["pollSeconds"] {
            s.pollSeconds = try seconds(p)
            guard s.pollSeconds > 0 else { throw p.fail("expected a number of seconds > 0") }
        }
        if let d = top["requireDoneMarker"] { s.requireDoneMarker = try d.bool() }
        if let r = top["reportIntervalSeconds"] { s.reportIntervalSeconds = try seconds(r) }
        if let l = top["defaultContractLength"] {
            let text = try l.string()
            switch ContractLength.parse(text) {
            case .success(let length): s.defaultContractLength = length
            case .failure(let failure): throw l.fail("\(failure.english); found \"\(text)\"")
            }
        }
        if let t = top["readerThread"] { s.readerThread = try t.bool() }
        if let m = top["paymentMethods"] { s.paymentMethods = try PaymentMethod.catalogue(m) }
        if let c = top["csv"] { s.csvDialect = try dialect(c, base: s.csvDialect) }
        if let r = top["archiveRetentionDays"] {
            let days = try r.int()
            guard days >= 1 else { throw r.fail("expected a number of days ≥ 1 (omit the key to keep archives for ever)") }
            s.archiveRetentionDays = days
        }
        if let c = top["store"] { s.store = try StoreSetting.parse(c) }
        if let c = top["sepa"] { s.sepa = try SEPASetting.parse(c, dealers: s.dealers) }
        if let r = top["rosterMaxCancelShare"] {
            guard let share = Double(try r.scalarText()), share >= 0, share <= 1 else {
                throw r.fail("expected a share between 0 and 1 (0.10 is 10 %)")
            }
            s.rosterMaxCancelShare = share
        }
        if let r = top["rosterMaxCancel"] {
            let count = try r.int()
            guard count >= 0 else { throw r.fail("expected a number of cancellations ≥ 0") }
            s.rosterMaxCancel = count
        }
        return s
    }

    package static func seconds(_ cursor: JSONCursor) throws -> Double {
        let text = try cursor.scalarText()
        guard let v = Double(text), v >= 0, v < 86_400 else { throw cursor.fail("expected a number of seconds between 0 and 86400") }
        return v
    }

    package static func dialect(_ cursor: JSONCursor, base: CSVDialect) throws -> CSVDialect {
        let c = try cursor.object(allowed: ["delimiter", "byteOrderMark", "lineEnding", "decimalSeparator"])
        var d = base
        if let v = c["delimiter"] {
            let byte = try v.asciiByte()
            guard byte != 0x22, byte != 0x0A, byte != 0x0D else { throw v.fail("the delimiter cannot be a quote or a line break") }
            d.delimiter = Character(Unicode.Scalar(byte))
        }
        if let v = c["byteOrderMark"] { d.byteOrderMark = try v.bool() }
        if let v = c["lineEnding"] {
            let ending = try v.string()
            guard ending == "\r\n" || ending == "\n" else { throw v.fail("expected \"\\r\\n\" or \"\\n\"") }
            d.lineEnding = ending
        }
        if let v = c["decimalSeparator"] {
            let sep = try v.character()
            guard sep == "," || sep == "." else { throw v.fail("expected \",\" or \".\"") }
            d.decimalSeparator = sep
        }
        if d.decimalSeparator == d.delimiter { throw cursor.fail("the decimal separator and the delimiter must differ") }
        return d
    }
}

import DealersTestSupport
import Foundation
@testable import DealersCore

/// Seeded random users with the strings that break JSON writers: accents, quotes, backslashes,
/// control characters, emoji, combining marks, empty strings; every enum case; optional fields
/// present and absent; many contracts and history events.
struct UserFactory {
    private var rng: SeededGenerator

    private static let pieces = [
        "a", "Z", "0", "9", " ", "María", "José", "Ñ", "ü", "ç", "ß", "\"", "\\", "/", "//", "\n", "\t", "\r",
        "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{B}", "\u{1F}", "\u{7F}", "😀", "👍🏽", "🇪🇸", "e\u{301}", "\u{2028}",
        "\u{FEFF}", "\u{FFFF}", "漢字", "<>&'", "{}[]:,", "\\u0041", "null", "C00000001",
    ]

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
    }

    mutating func text() -> String {
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng) ?? "" }.joined()
    }

    mutating func maybeText() -> String? {
        Bool.random(using: &rng) ? text() : nil
    }

    mutating func date() -> CivilDate {
        let year = Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 1...9999, using: &rng) : Int.random(in: 1990...2040, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...CivilDate.daysIn(month: month, year: year), using: &rng)
        return CivilDate(year: year, month: month, day: day) ?? CivilDate(daysSinceEpoch: 0)!
    }

    mutating func maybeDate() -> CivilDate? {
        Bool.random(using: &rng) ? date() : nil
    }

    mutating func contract() -> Contract {
        Contract(number: text(), start: date(), end: date(), cancelledOn: maybeDate(), collective: text())
    }

    mutating func event() -> ContractEvent {
        let lines = [0, 1, -1, 42, 1_000_000, Int.max, Int.min]
        return ContractEvent(date: date(), document: text(), collective: text(),
                             kind: EventKind.allCases.randomElement(using: &rng) ?? .alta, contract: maybeText(),
                             endBefore: maybeDate(), endAfter: maybeDate(), sourceFile: text(),
                             sourceLine: Bool.random(using: &rng) ? lines.randomElement(using: &rng) : nil,
                             note: maybeText(), payment: maybeText(), recordedOn: maybeDate())
    }

    /// A user; `contracts` fixes how many contracts (and twice as many events) they have.
    mutating func user(contracts count: Int? = nil) -> User {
        let contracts = (0..<(count ?? Int.random(in: 0...6, using: &rng))).map { _ in contract() }
        let events = (0..<(count.map { $0 * 2 } ?? Int.random(in: 0...12, using: &rng))).map { _ in event() }
        return User(document: text(), documentType: maybeText(), firstName: text(), lastName: text(), email: maybeText(),
                    phone: maybeText(), birthDate: maybeDate(),
                    relationship: Relationship.allCases.randomElement(using: &rng) ?? .titular, holder: maybeText(),
                    dependants: (0..<Int.random(in: 0...3, using: &rng)).map { _ in text() }, collective: text(),
                    seller: maybeText(), contracts: contracts, history: events, createdOn: date(), updatedOn: date())
    }
}

/// A JSON document as a tree, to write it again in another shape: keys shuffled, random
/// whitespace, unknown keys, `null` for absent optional keys, characters escaped that need not be.
indirect enum JSONTree {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The optional keys of User, Contract and ContractEvent, which may be written as `null`.
    private static let optionalKeys: [String: [String]] = [
        "relationship": ["birthDate", "documentType", "email", "holder", "phone", "seller"],
        "number": ["cancelledOn"],
        "kind": ["contract", "endAfter", "endBefore", "note", "payment", "recordedOn", "sourceLine"],
    ]
    private static let unknownKeys = ["extra", "Document", "firstname", "document ", "x_é", "\u{0}", "", "kind2"]

    /// Parses a document with JSONSerialization (not with the code under test). On Linux it drops
    /// a U+FEFF at the start of a string or after an escape, so tests compare what the codecs read
    /// from the reshaped bytes with what `JSONDecoder` reads from them, never with the original.
    init(parsing bytes: [UInt8]) throws {
        self.init(any: try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    private init(any: Any) {
        switch any {
        case let d as [String: Any]: self = .object(d.map { ($0.key, JSONTree(any: $0.value)) })
        case let a as [Any]: self = .array(a.map(JSONTree.init(any:)))
        case let s as String: self = .string(s)
        case let n as Int: self = .number(String(n))
        default: self = .null
        }
    }

    /// The document written again in a random, equivalent shape with some extra unknown keys.
    func reshaped(using rng: inout SeededGenerator) -> String {
        var out = ""
        write(to: &out, rng: &rng)
        return out
    }

    private func write(to out: inout String, rng: inout SeededGenerator) {
        func space() {
            for _ in 0..<Int.random(in: 0...2, using: &rng) { out += [" ", "\n", "\t", "\r", "  "].randomElement(using: &rng)! }
        }
        space()
        switch self {
        case .object(var members):
            let keys = Set(members.map(\.0))
            if let optional = Self.optionalKeys.first(where: { keys.contains($0.key) })?.value {
                for key in optional where !keys.contains(key) && Bool.random(using: &rng) { members.append((key, .null)) }
            }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                members.append((Self.unknownKeys.randomElement(using: &rng)!, .random(depth: 2, using: &rng)))
            }
            members.shuffle(using: &rng)
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                space()
                Self.quote(member.0, escapeChance: 3, to: &out, rng: &rng)
                space()
                out += ":"
                member.1.write(to: &out, rng: &rng)
            }
            space()
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out, rng: &rng)
            }
            space()
            out += "]"
        case .string(let s): Self.quote(s, escapeChance: 15, to: &out, rng: &rng)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
        space()
    }

    /// A random value for an unknown key.
    private static func random(depth: Int, using rng: inout SeededGenerator) -> JSONTree {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(["0", "-0", "12", "-3.25", "1e5", "2.5E-3", "123456789012345678901234567890"].randomElement(using: &rng)!)
        case 3, 4, 5: return .string(["", "x", "\"q\"", "é😀", "a\\b", "\u{1}"].randomElement(using: &rng)!)
        case 6: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in random(depth: depth - 1, using: &rng) })
        default:
            return .object((0..<Int.random(in: 0...3, using: &rng)).map { i in ("k\(i)", random(depth: depth - 1, using: &rng)) })
        }
    }

    /// Writes a JSON string, escaping what must be and, with `escapeChance` percent, any other
    /// character as `\uXXXX` (surrogate pairs above U+FFFF) or `/` as `\/`.
    private static func quote(_ s: String, escapeChance: Int, to out: inout String, rng: inout SeededGenerator) {
        out += "\""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if scalar == "\"" || scalar == "\\" {
                out += "\\" + String(scalar)
            } else if v < 0x20 || Int.random(in: 0..<100, using: &rng) < escapeChance {
                if scalar == "/" && Bool.random(using: &rng) {
                    out += "\\/"
                } else if v > 0xFFFF {
                    let u = v - 0x10000
                    out += String(format: "\\u%04X\\u%04x", 0xD800 + (u >> 10), 0xDC00 + (u & 0x3FF))
                } else {
                    out += String(format: "\\u%04x", v)
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

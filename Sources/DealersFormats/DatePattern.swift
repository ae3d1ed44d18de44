import Foundation
import DealersModel

/// A date pattern from a layout (`%d/%m/%Y`, `default`, `any`), parsed once and applied to many
/// cells. ISO `YYYY-MM-DD` is always accepted too, because spreadsheets and machines write it.
public struct DatePattern: Sendable {
    /// A literal is its ASCII byte; other characters become 0xFF, which never matches (as before).
    package enum Token: Sendable, Equatable { case day, month, year4, year2, literal(UInt8) }
    private let alternatives: [[Token]]

    /// The patterns `any` tries, day first as in Spain and Latin America (never month first).
    package static let anyPatterns = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d"]

    /// Parses a Table Schema date format; `nil` when it uses directives other than %d %m %Y %y.
    public init?(_ format: String?) {
        switch format {
        case nil, "default":
            alternatives = []
        case "any":
            alternatives = DatePattern.anyPatterns.compactMap(DatePattern.tokens)
        case let pattern?:
            guard let tokens = DatePattern.tokens(pattern) else { return nil }
            alternatives = [tokens]
        }
    }

    package static func tokens(_ pattern: String) -> [Token]? {
        var tokens: [Token] = []
        var iterator = pattern.makeIterator()
        while let c = iterator.next() {
            guard c == "%" else { tokens.append(.literal(c.asciiValue ?? 0xFF)); continue }
            switch iterator.next() {
            case "d": tokens.append(.day)
            case "m": tokens.append(.month)
            case "Y": tokens.append(.year4)
            case "y": tokens.append(.year2)
            default: return nil
            }
        }
        guard tokens.contains(.day), tokens.contains(.month),
              tokens.contains(.year4) || tokens.contains(.year2) else { return nil }
        return tokens
    }

    /// Parses a cell's text; `nil` when it is not a real date in any accepted pattern.
    public func parse(_ text: String) -> CivilDate? {
        parse(utf8: text.utf8)
    }

    /// ``parse(_:)`` on UTF-8 bytes, the one implementation: trimmed, then ISO
    /// (``CivilDate/init(isoUTF8:)``), then each of the layout's patterns.
    @inlinable
    package func parse(utf8 text: some Collection<UInt8>) -> CivilDate? {
        UTF8Buffer.with(text, parse(buffer:))
    }

    /// ``parse(utf8:)`` on a buffer.
    @usableFromInline
    package func parse(buffer: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        UTF8Buffer.trimming(buffer) { trimmed in
            if let iso = CivilDate(isoUTF8: trimmed) { return iso }
            return alternatives.lazy.compactMap { DatePattern.parse(trimmed, $0) }.first
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> CivilDate? {
        var i = 0, day = 0, month = 0, year = 0
        func digits(max: Int, min: Int) -> Int? {
            var value = 0, count = 0
            while i < bytes.count, count < max, bytes[i] >= 48, bytes[i] <= 57 {
                value = value * 10 + Int(bytes[i] - 48); i += 1; count += 1
            }
            return count >= min ? value : nil
        }
        for token in tokens {
            switch token {
            case .day: guard let v = digits(max: 2, min: 1) else { return nil }; day = v
            case .month: guard let v = digits(max: 2, min: 1) else { return nil }; month = v
            case .year4: guard let v = digits(max: 4, min: 4) else { return nil }; year = v
            case .year2: guard let v = digits(max: 2, min: 2) else { return nil }; year = v < 70 ? 2000 + v : 1900 + v
            case .literal(let ascii):
                guard i < bytes.count, bytes[i] == ascii else { return nil }
                i += 1
            }
        }
        guard i == bytes.count else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }
}

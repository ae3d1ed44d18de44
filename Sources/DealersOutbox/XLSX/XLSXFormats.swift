import CXLSXWriter
import DealersSupport

/// The cell formats of one workbook, each created once on first use and then reused.
///
/// The formats themselves belong to the workbook (``XLSXWorkbookHandle``), which frees them.
package final class XLSXFormats {
    /// What a format is for.
    package enum Role: Hashable {
        /// No number format (text, integers, decimals, booleans).
        case plain
        /// The sheet title: bold, larger.
        case title
        /// The header row: bold with a bottom border.
        case header
        /// A date in the workbook's date pattern.
        case date
        /// An amount in a currency (an ISO code, sanitised).
        case money(String)
    }

    private struct Key: Hashable {
        package var role: Role
        package var highlight: Bool
    }

    /// The fill of highlighted cells: a light red.
    package static let highlightColor: UInt32 = 0xFFC7CE

    private let handle: XLSXWorkbookHandle
    private let dateFormat: String
    private let path: String
    private var cache: [Key: UnsafeMutablePointer<lxw_format>] = [:]

    /// Formats for the workbook of `handle`; `path` names the file in errors.
    package init(handle: XLSXWorkbookHandle, dateFormat: String, path: String) {
        self.handle = handle
        self.dateFormat = dateFormat
        self.path = path
    }

    /// The format for a role, `nil` for plain cells that are not highlighted (the default style).
    /// Throws when libxlsxwriter cannot allocate a format.
    package func format(_ role: Role, highlight: Bool = false) throws -> UnsafeMutablePointer<lxw_format>? {
        if role == .plain, !highlight { return nil }
        let key = Key(role: role, highlight: highlight)
        if let cached = cache[key] { return cached }
        guard let format = handle.addFormat() else {
            throw DealersError(.internalError, path: path, "libxlsxwriter could not allocate a cell format")
        }
        switch role {
        case .plain:
            break
        case .title:
            format_set_bold(format)
            format_set_font_size(format, 14)
        case .header:
            format_set_bold(format)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .date:
            dateFormat.withCString { format_set_num_format(format, $0) }
        case .money(let currency):
            XLSXFormats.moneyPattern(currency).withCString { format_set_num_format(format, $0) }
        }
        if highlight {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, XLSXFormats.highlightColor)
        }
        cache[key] = format
        return format
    }

    /// `#,##0.00 "€"` for EUR, `#,##0.00 "USD"` for other ISO codes, `#,##0.00` without a code.
    package static func moneyPattern(_ currency: String) -> String {
        let code = currencyCode(currency)
        switch code {
        case "": return "#,##0.00"
        case "EUR": return "#,##0.00 \"€\""
        default: return "#,##0.00 \"\(code)\""
        }
    }

    /// The currency reduced to ASCII letters, upper case, so it cannot break the number format.
    package static func currencyCode(_ currency: String) -> String {
        String(currency.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) }.prefix(8).map(Character.init))
    }
}

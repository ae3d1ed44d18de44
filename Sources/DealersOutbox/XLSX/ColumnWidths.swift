/// Column widths chosen from the headers and the values written, in Excel character units.
package struct ColumnWidths {
    package static let minimum = 8.0
    package static let maximum = 60.0
    private var estimates: [Double]
    private let fixed: [Double?]

    package init(columns: [OutputColumn]) {
        fixed = columns.map(\.width)
        // A header needs room for its text and the autofilter button.
        estimates = columns.map { Double($0.header.count) + 4 }
    }

    /// Widens the estimate of a column for a value written in it.
    package mutating func note(_ value: OutputValue, column: Int) {
        guard column < estimates.count, fixed[column] == nil else { return }
        let width: Double
        switch value {
        case .empty: return
        case .text(let s): width = Double(min(s.utf8.count, Int(ColumnWidths.maximum))) + 2
        case .integer(let i): width = Double(ColumnWidths.digits(i)) + 2
        case .decimal: width = 12
        case .money: width = 14
        case .date: width = 12
        case .boolean: width = 7
        }
        if width > estimates[column] { estimates[column] = width }
    }

    /// The width of a column: the one given, else the estimate within 8…60.
    package func width(_ column: Int) -> Double {
        if let given = fixed[column] { return given }
        return min(max(estimates[column], ColumnWidths.minimum), ColumnWidths.maximum)
    }

    private static func digits(_ n: Int) -> Int {
        var n = n, count = n < 0 ? 2 : 1
        while n / 10 != 0 { n /= 10; count += 1 }
        return count
    }
}

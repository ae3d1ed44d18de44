import Foundation
@testable import DealersCore
import DealersTestSupport

/// What the product shows after a step, read from a workspace the way a person or a script reads
/// it: the latest receipt of a file, the users in the store, the CSV reports and the sync feed.
struct ProductView {
    let ws: TestWorkspace

    /// A file's latest receipt, as the model's receipts say it.
    func receipt(_ step: HistoryStep) throws -> ModelReceipt {
        let receipt = try ws.receipt(step.receiptPath)
        return ModelReceipt(status: receipt.status.rawValue, applied: receipt.rows.applied, rejected: receipt.rows.rejected,
                            errorCodes: receipt.errorCodes)
    }

    /// The users in the store, by document.
    func users() throws -> [String: User] {
        let store = try ws.store()
        var users: [String: User] = [:]
        for key in try store.keys(under: "users/") {
            guard let user = try store.readJSON(User.self, key) else { continue }
            users[user.document] = user
        }
        return users
    }

    /// The data rows of a CSV report of a dealer, as cells by header; empty when there is none.
    func report(_ name: String, dealer: String) throws -> [[String: String]] {
        let (header, lines) = try reportLines(name, dealer: dealer)
        return lines.map { CSVLine.row(header, $0) }
    }

    /// The header cells and the data lines, as they are, of a CSV report of a dealer.
    func reportLines(_ name: String, dealer: String) throws -> (header: [String], lines: [String]) {
        let path = "outbox/\(dealer)/reports/\(name).csv"
        guard ws.exists(path) else { return ([], []) }
        var lines = try ws.text(path).replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            .filter { !$0.isEmpty }
        guard !lines.isEmpty else { return ([], []) }
        return (CSVLine.cells(lines.removeFirst()), lines)
    }

    /// The lines of a dealer's sync feed files not in `seen`, with their file names.
    func newSyncLines(dealer: String, seen: inout Set<String>) throws -> [(file: String, line: [String: Any])] {
        let folder = ws.url("outbox/\(dealer)/sync")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var lines: [(file: String, line: [String: Any])] = []
        for name in names.sorted() where name.hasSuffix(".jsonl") && seen.insert(name).inserted {
            let text = try ws.text("outbox/\(dealer)/sync/\(name)")
            for line in text.split(separator: "\n") {
                if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                    lines.append((name, object))
                }
            }
        }
        return lines
    }
}

/// The cells of one line of a `;`-separated report (quoted cells unquoted).
enum CSVLine {
    /// A line's cells by the header's names.
    static func row(_ header: [String], _ line: String) -> [String: String] {
        Dictionary(zip(header, cells(line)), uniquingKeysWith: { first, _ in first })
    }

    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, previousQuote = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { cell.append(character) }
            } else if character == "\"" {
                if previousQuote { cell.append("\"") }
                quoted = true
            } else if character == ";" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            if character != "\"" { previousQuote = false }
        }
        cells.append(cell)
        return cells
    }
}

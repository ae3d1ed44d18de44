import DealersCore
import Foundation

/// The inbox of the `pg-workers` stage: a users file cut into ``fileCount`` files for
/// ``dealerCount`` dealers. File *k* goes to dealer `D((k mod 8)+1)`'s inbox and every row of it
/// names that dealer's one collective (`COL-D1` …); a holder and the dependants that name it
/// (`Documento titular`) stay in one file, so two files never touch the same family.
enum WorkerFiles {
    /// Dealers whose inboxes share the files.
    static let dealerCount = 8
    /// Files the users file is cut into.
    static let fileCount = 40

    /// The dealers' codes: `D1` … `D8`.
    static var dealers: [String] { (1...dealerCount).map { "D\($0)" } }

    /// The dealer whose inbox receives file `k` (from 0): `D((k mod 8)+1)`.
    static func dealer(ofFile k: Int) -> String { "D\((k % dealerCount) + 1)" }

    /// A dealer's one collective.
    static func collective(of dealer: String) -> String { "COL-\(dealer)" }

    /// One file of the cut: its dealer and where it was written.
    struct Part {
        var dealer: String
        var url: URL
    }

    /// Column positions in the users file (``UserRow/header``).
    static let collectiveColumn = UserRow.header.firstIndex(of: "Colectivo") ?? 1
    static let documentColumn = UserRow.header.firstIndex(of: "Nº Documento") ?? 3
    static let holderColumn = UserRow.header.firstIndex(of: "Documento titular") ?? 10

    /// Cuts `records` (lines of a `;`-separated users file without its header) into `count`
    /// groups of about the same number of lines, in order, never separating a family: a
    /// holder's line and every line whose holder column names that holder's document go to the
    /// same group, wherever they stand in the file. Returns the lines' indices per group (a
    /// group is empty only when there are fewer families than groups).
    static func cut(_ records: [ArraySlice<UInt8>], into count: Int) -> [[Int]] {
        var families: [[Int]] = []
        var familyOf: [ArraySlice<UInt8>: Int] = [:]
        for (i, line) in records.enumerated() {
            let cells = line.split(separator: 0x3B, omittingEmptySubsequences: false)
            let holder = cells.count > holderColumn ? trimmed(cells[holderColumn]) : []
            let key = holder.isEmpty ? (cells.count > documentColumn ? trimmed(cells[documentColumn]) : []) : holder
            if !key.isEmpty, let family = familyOf[key] {
                families[family].append(i)
            } else {
                if !key.isEmpty { familyOf[key] = families.count }
                families.append([i])
            }
        }
        var groups = [[Int]](repeating: [], count: max(count, 1))
        var group = 0
        var placed = 0
        for family in families.sorted(by: { $0[0] < $1[0] }) {
            // The next group starts once this one holds its share of the lines so far.
            while group < groups.count - 1, placed >= (group + 1) * records.count / groups.count { group += 1 }
            groups[group] += family
            placed += family.count
        }
        return groups.map { $0.sorted() }
    }

    /// `line` with its collective cell replaced by `collective` (a line of fewer cells unchanged).
    static func withCollective(_ line: ArraySlice<UInt8>, _ collective: String) -> [UInt8] {
        var cells = line.split(separator: 0x3B, omittingEmptySubsequences: false).map(Array.init)
        guard cells.count > collectiveColumn else { return Array(line) }
        cells[collectiveColumn] = Array(collective.utf8)
        return Array(cells.joined(separator: [0x3B]))
    }

    /// Writes the cut of `file` (header line, then one record per line) into `folder` as
    /// `parte-00.csv` … once, and returns the parts in order.
    static func write(_ file: URL, folder: URL) throws -> [Part] {
        let parts = (0..<fileCount).map {
            Part(dealer: dealer(ofFile: $0), url: folder.appendingPathComponent(String(format: "parte-%02d.csv", $0)))
        }
        if try parts.allSatisfy({ try FileSystem.exists($0.url.path, followingLinks: true) }) { return parts }
        try FileSystem.createDirectory(folder.path)
        guard let bytes = try FileSystem.readIfPresent(file.path) else { throw BenchError("\(file.path) does not exist") }
        var lines = [UInt8](bytes).split(separator: 0x0A, omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw BenchError("\(file.path) is empty") }
        let header = lines.removeFirst()
        for (part, indices) in zip(parts, cut(lines, into: fileCount)) {
            var out = Array(header) + [0x0A]
            for i in indices { out += withCollective(lines[i], collective(of: part.dealer)) + [0x0A] }
            try AtomicFile.write(Data(out), to: part.url)
        }
        return parts
    }

    /// `colectivos-8.csv` in `folder`: each dealer's one collective.
    static func collectives(folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("colectivos-8.csv")
        if try FileSystem.exists(url.path, followingLinks: true) { return url }
        try FileSystem.createDirectory(folder.path)
        let file = try Windows1252File(url: url)
        try file.append(DataSet.collectivesHeader)
        for dealer in dealers {
            try file.append(DataSet.collectiveRow(collective(of: dealer), dealer: dealer))
        }
        try file.close()
        return url
    }

    private static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var cell = cell
        while let last = cell.last, last == 0x0D || last == 0x20 { cell = cell.dropLast() }
        while let first = cell.first, first == 0x20 { cell = cell.dropFirst() }
        return cell
    }
}

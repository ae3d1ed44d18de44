import Foundation
import DealersDomain
import DealersSupport

/// Writes the customer look-up's index (``LookupIndex``) during the reports' one scan of the
/// users: each user's keys (``LookupKey/keys(of:)``) are gathered in sorted runs of at most
/// ``runLength`` lines spilled to temporary files, merged at the end into the index, which
/// replaces the previous one atomically. Memory stays flat whatever the number of users.
package final class LookupIndexWriter: UserScanReport {
    private let index: LookupIndex
    private let runs: SpillRuns<[UInt8]>
    private var pending: [[UInt8]] = []

    /// Lines held in memory before they are sorted and spilled.
    package static let runLength = 200_000

    /// A writer of a workspace's index.
    package init(index: LookupIndex) {
        self.index = index
        runs = SpillRuns(prefix: "dealers-lookup",
                         encode: { line, writer in writer.data(line) },
                         decode: { reader in reader.data() })
    }

    package func add(_ user: User, dealer: String?) throws {
        let tail = "\t" + (dealer ?? "-") + "\t" + (user.seller ?? "-") + "\t" + user.document
        for key in LookupKey.keys(of: user) { pending.append(Array((key + tail).utf8)) }
        if pending.count >= Self.runLength { try spill() }
    }

    package func finish() throws {
        if !pending.isEmpty || runs.count == 0 { try spill() }
        try AtomicFile.write(to: index.url) { file in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            var previous: [UInt8]?
            try runs.merge(by: { $0.lexicographicallyPrecedes($1) }) { line in
                guard line != previous else { return }
                previous = line
                buffer.append(contentsOf: line)
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 {
                    try buffer.withUnsafeBytes { try file.write($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes { try file.write($0) }
        }
    }

    private func spill() throws {
        pending.sort { $0.lexicographicallyPrecedes($1) }
        let run = try runs.start()
        for line in pending { try runs.append(line, to: run) }
        try runs.end(run)
        pending.removeAll(keepingCapacity: true)
    }
}

import Foundation

/// The top-level folders of the keys a transaction was asked to read (a key's bytes up to its
/// first `/`, or the whole key when it has none: `users`, `collectives`, `sequence.json` …), in
/// the order they were first read. Folders are only ever added, so a copy taken at a spill holds
/// the first ``count`` of any later list. A handful of them: a linear look-up, the folder of the
/// last key noted first, since reads come in long stretches of one folder.
struct ReadFolders: Sendable {
    private var folders: [[UInt8]] = []
    private var last = -1

    /// The folders noted.
    var count: Int { folders.count }

    /// The folder part of a key.
    @inline(__always)
    static func folder(of key: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let base = key.baseAddress, let slash = memchr(base, Int32(UInt8(ascii: "/")), key.count) else { return key }
        return UnsafeRawBufferPointer(rebasing: key[0..<(UnsafeRawPointer(slash) - base)])
    }

    /// The number of the folder of `key` (the order in which it was first read), if it was read.
    func number(of key: UnsafeRawBufferPointer) -> Int? {
        let folder = Self.folder(of: key)
        if last >= 0, folders[last].withUnsafeBytes({ KeyBytes.compare($0, folder) }) == 0 { return last }
        return folders.firstIndex { $0.withUnsafeBytes { KeyBytes.compare($0, folder) } == 0 }
    }

    /// Notes the folder of a key that is read; returns its number.
    mutating func note(_ key: UnsafeRawBufferPointer) -> Int {
        if let found = number(of: key) {
            last = found
        } else {
            folders.append(Array(Self.folder(of: key)))
            last = folders.count - 1
        }
        return last
    }
}

/// What rules keys out of a transaction's spilled run without reading it: a Bloom filter over
/// the run's keys in the folders the transaction had read when the run was spilled.
///
/// Most of what a large import writes is never read back within its transaction (for each new
/// user also its members entry, its contract number and its date-index entries, which are
/// written and deleted but never looked up: 5 of the 6 keys it adds), and a filter of 10 bits a
/// key over every key grew with the file (29 MiB for the 23 M changes of a 4 M-row file). A key
/// of a folder the filter does not cover is never ruled out: a read of it searches the run, as a
/// read of a key the filter lets through does, so reads stay correct whatever they ask for; they
/// only cost a run's search each when their folder was first read after the run was spilled.
struct RunFilter {
    /// Folders numbered below this (``ReadFolders``) are the ones whose keys the filter holds.
    private let coveredFolders: Int
    private let filter: BloomFilter
    /// The keys the filter holds.
    let keyCount: Int

    /// The filter of the live keys of `index` in `folders` (the folders read so far).
    init(of index: SpoolIndex, folders: ReadFolders) {
        var covered = 0
        for entry in index.entries where entry.state != .discarded && index.withKey(entry, { folders.number(of: $0) != nil }) {
            covered += 1
        }
        var filter = BloomFilter(capacity: covered)
        if covered > 0 {
            for entry in index.entries where entry.state != .discarded {
                index.withKey(entry) { key in if folders.number(of: key) != nil { filter.insert(key) } }
            }
        }
        coveredFolders = folders.count
        self.filter = filter
        keyCount = covered
    }

    /// Whether the run may hold a key of folder number `folder` (``ReadFolders/note(_:)``) whose
    /// probe is `probe` (`false`: it certainly does not).
    @inline(__always)
    func mayContain(folder: Int, _ probe: BloomFilter.Probe) -> Bool {
        folder >= coveredFolders || filter.mayContain(probe)
    }
}

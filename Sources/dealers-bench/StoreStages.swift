import DealersCore
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Stages `store-files` (what the big store costs on disk), `store-read` (the floor of
/// `store-verify`: one sequential read of every file of the store's folder) and `store-scan`
/// (the floor that parses: every user decoded in one pass).
enum StoreStages {
    /// `store-files`: the files under `store/` (journal, meta and lock included), their bytes on
    /// disk (`st_blocks` × 512, folders included) and apparent bytes (`st_size`), and the JSON
    /// bytes of the documents (the lengths of `read(key)` over `keys(under: "")`).
    static func files(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try ApplyStages.bigWorkspace(data: data, layouts: layouts)
        let folder = workspace.root.appendingPathComponent("store")
        let (tally, seconds) = try Measure.time { () throws -> (FileTally, Int, Int) in
            var tally = FileTally()
            try FolderWalk.forEach(under: folder.path) { path, isFolder in
                var info = stat()
                guard lstat(path, &info) == 0 else { throw BenchError("cannot stat \(path)") }
                tally.diskBytes += Int(info.st_blocks) * 512
                if isFolder {
                    tally.folders += 1
                } else {
                    tally.files += 1
                    tally.apparentBytes += Int(info.st_size)
                }
            }
            let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
            let store = try DocumentStore.openReadOnly(directory: folder, logger: logger)
            var documents = 0, jsonBytes = 0
            try store.forEachKey(under: "") { key in
                documents += 1
                jsonBytes += try store.read(key)?.count ?? 0
            }
            return (tally, documents, jsonBytes)
        }
        let (files, documents, jsonBytes) = tally
        let note = String(format: "%@ files, %@ folders, disk %.1f MiB, apparent %.1f MiB; %@ documents, JSON %.1f MiB",
                          ResultTable.grouped(files.files), ResultTable.grouped(files.folders), mebibytes(files.diskBytes),
                          mebibytes(files.apparentBytes), ResultTable.grouped(documents), mebibytes(jsonBytes))
        return StageResult(stage: Stage.storeFiles.rawValue, rows: data.rows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(), note: note,
                           figures: ["files": Double(files.files), "diskBytes": Double(files.diskBytes),
                                     "apparentBytes": Double(files.apparentBytes), "jsonBytes": Double(jsonBytes),
                                     "documents": Double(documents)])
    }

    /// `store-read`: every regular file under the big store's folder opened and read to its end
    /// with `read(2)` into one reused 1 MiB buffer, folders walked with `readdir` (timed too:
    /// `store verify` has to find the files as well). Page cache as the previous stages left it.
    static func read(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try ApplyStages.bigWorkspace(data: data, layouts: layouts)
        let folder = workspace.root.appendingPathComponent("store")
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        defer { buffer.deallocate() }
        let ((files, bytes), seconds) = try Measure.time { () throws -> (Int, Int) in
            var files = 0, bytes = 0
            try FolderWalk.forEach(under: folder.path) { path, isFolder in
                guard !isFolder else { return }
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw BenchError("cannot open \(path)") }
                defer { close(fd) }
                while true {
                    let n = Glibc.read(fd, buffer, size)
                    if n < 0 { throw BenchError("read failed on \(path)") }
                    if n == 0 { break }
                    bytes += n
                }
                files += 1
            }
            return (files, bytes)
        }
        return StageResult(stage: Stage.storeRead.rawValue, rows: data.rows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(),
                           note: String(format: "%@ files, %.1f MiB read", ResultTable.grouped(files), mebibytes(bytes)))
    }

    /// `store-scan`: the floor of `store verify` that parses: one sequential pass over every
    /// document of the big store (`forEachDocument(under: "")`, the segments in key order), each
    /// user decoded with the store's byte codec (`UserCodec`), the other documents only read;
    /// no check, nothing kept. What any verify of the domain has to do at least.
    static func scan(data: DataSet, layouts: URL) throws -> StageResult {
        let workspace = try ApplyStages.bigWorkspace(data: data, layouts: layouts)
        let logger = Logger(label: "dealers-bench") { _ in SwiftLogNoOpLogHandler() }
        let store = try DocumentStore.openReadOnly(directory: workspace.root.appendingPathComponent("store"),
                                                   logger: logger)
        let ((documents, users, bytes), seconds) = try Measure.time { () throws -> (Int, Int, Int) in
            var documents = 0, users = 0, bytes = 0
            try store.forEachDocument(under: "") { key, value in
                documents += 1
                bytes += value.count
                if key.path.hasPrefix("users/") {
                    _ = try UserCodec.decode(value)
                    users += 1
                }
            }
            return (documents, users, bytes)
        }
        return StageResult(stage: Stage.storeScan.rawValue, rows: data.rows, seconds: seconds,
                           peakMiB: Measure.peakResidentMiB(),
                           note: String(format: "%@ documents (%.1f MiB of JSON), %@ users decoded",
                                        ResultTable.grouped(documents), mebibytes(bytes), ResultTable.grouped(users)))
    }

    private static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
}

/// Counts of `store-files`.
struct FileTally {
    var files = 0
    var folders = 0
    var diskBytes = 0
    var apparentBytes = 0
}

/// A depth-first walk of a folder with `opendir`/`readdir`, in directory order (no sorting, no
/// `stat` unless the file system does not give the entry type).
enum FolderWalk {
    /// Calls `body` with the path of every entry under `root` (the root folder itself included,
    /// as a folder) and whether it is a folder; symbolic links are reported as files, not followed.
    static func forEach(under root: String, _ body: (String, Bool) throws -> Void) throws {
        try body(root, true)
        guard let dir = opendir(root) else { throw BenchError("cannot open the folder \(root)") }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let (name, type) = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { (String(cString: $0), entry.pointee.d_type) }
            }
            if name == "." || name == ".." { continue }
            let path = root + "/" + name
            var isFolder = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder { try forEach(under: path, body) } else { try body(path, false) }
        }
    }
}

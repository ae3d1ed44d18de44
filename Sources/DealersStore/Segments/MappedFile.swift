import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only memory mapping of a whole file, unmapped when the value goes away.
///
/// Segments are immutable once written, so mapping them is safe: the store never truncates or
/// rewrites a mapped file, and an unlinked file (a segment a compaction replaced) stays readable
/// for as long as a reader maps it. An empty file maps to an empty buffer.
final class MappedFile {
    /// The file's path, for error messages.
    let path: String
    /// The mapped bytes.
    let bytes: UnsafeRawBufferPointer

    /// Maps `url`; `nil` when the file does not exist.
    /// - Throws: ``DealersError`` `.io` when it exists but cannot be opened, measured or mapped.
    static func openIfPresent(_ url: URL) throws -> MappedFile? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw DealersError.io(url.path, "open")
        }
        defer { close(fd) }
        return try MappedFile(fd: fd, path: url.path)
    }

    /// Maps the whole of an open file (the descriptor may be closed afterwards).
    init(fd: Int32, path: String) throws {
        self.path = path
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DealersError.io(path, "stat") }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else {
            throw DealersError.io(path, "mmap")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }

    /// Scattered reads between two ``release(_:)`` calls. A fault on a mapped file maps the
    /// cached pages around it too (the kernel's fault-around: 64 KiB, more with large folios),
    /// so each scattered read can leave 64 KiB or more resident: 64 reads keep about 4 MiB.
    /// (Measured: copying a 140 MiB spool in key order with a release every 1,024 lines kept
    /// 100 MiB of it resident.)
    static let scatteredReadsPerRelease = 64

    /// Gives the pages read so far back to the kernel (they stay in the page cache): a long
    /// sequential or scattered pass over a large file then does not grow the process's memory.
    func release(_ range: Range<Int>? = nil) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let whole = range ?? 0..<bytes.count
        let start = whole.lowerBound / page * page
        let end = min(bytes.count, whole.upperBound)
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    /// Tells the kernel the mapping is read at random: no read-ahead and no fault-around (which
    /// would map 64 KiB of neighbours with every page touched).
    func adviseRandom() {
        guard let base = bytes.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_RANDOM)
    }

    /// Reads a little-endian unsigned integer of `T`'s width at `offset` (bounds checked by the caller).
    @inline(__always)
    func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

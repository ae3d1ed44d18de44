#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// A read-only memory mapping of a whole file, unmapped when the value goes away.
///
/// The store maps segments, which are immutable once written: it never truncates or rewrites a
/// mapped file, and an unlinked file (a segment a compaction replaced) stays readable for as
/// long as a reader maps it. An empty file maps to an empty buffer.
public final class MappedFile {
    /// The file's path, for error messages.
    public let path: String
    /// The mapped bytes.
    public let bytes: UnsafeRawBufferPointer

    /// Maps the file at `path`; `nil` when it does not exist.
    /// - Throws: ``DealersError`` `.io` when it exists but cannot be opened, measured or mapped.
    public static func openIfPresent(_ path: String) throws -> MappedFile? {
        guard let file = try OpenFile.openIfPresent(path) else { return nil }
        return try MappedFile(file)
    }

    /// Maps the whole of an open file (which may be closed afterwards).
    /// - Throws: ``DealersError`` `.io` `"stat failed: …"` or `"mmap failed: …"`.
    public init(_ file: OpenFile) throws {
        path = file.path
        let size = try file.size()
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_SHARED, file.rawDescriptor, 0), base != MAP_FAILED else {
            throw DealersError.fileSystem("mmap", path: path, Errno(rawValue: errno))
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
    public static let scatteredReadsPerRelease = 64

    /// Gives the pages read so far back to the kernel (they stay in the page cache): a long
    /// sequential or scattered pass over a large file then does not grow the process's memory.
    /// - Parameter range: the bytes to give back; the whole file by default.
    public func release(_ range: Range<Int>? = nil) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let whole = range ?? 0..<bytes.count
        let start = whole.lowerBound / page * page
        let end = min(bytes.count, whole.upperBound)
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    /// Tells the kernel the mapping is read at random: no read-ahead. (Faults still map the
    /// cached pages around the one touched — measured on this kernel — which is why scattered
    /// readers give pages back every ``scatteredReadsPerRelease`` reads.)
    public func adviseRandom() {
        guard let base = bytes.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_RANDOM)
    }

    /// Reads a little-endian unsigned integer of `T`'s width at `offset` (bounds checked by the caller).
    @inlinable @inline(__always)
    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

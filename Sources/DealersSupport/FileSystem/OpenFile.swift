#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// An open file (or folder): the one owner of a descriptor, closed by ``close()`` or when the
/// value goes away. Every failure is a ``DealersError`` naming the operation, the path and the
/// system's error text; interrupted calls are retried.
///
/// Reads and writes take raw buffers and allocate nothing, so the store's hot paths (spool
/// appends, segment writes) cost one system call each, as with the C functions.
public final class OpenFile {
    /// How a file is opened.
    public enum Mode: Sendable {
        /// Read only; the file must exist.
        case read
        /// A folder, read only (to `fsync` its entries).
        case folder
        /// Write only, created when missing and emptied when present.
        case writeTruncating
        /// Write only, created; fails when the file already exists.
        case writeNew
        /// Read and write, created when missing, content kept.
        case readWrite
        /// Read and write, created; fails when the file already exists.
        case readWriteNew
        /// Write only, created when missing; every write goes to the end (`O_APPEND`), so
        /// several processes appending whole lines never overwrite each other.
        case append

        var access: FileDescriptor.AccessMode {
            switch self {
            case .read, .folder: return .readOnly
            case .writeTruncating, .writeNew, .append: return .writeOnly
            case .readWrite, .readWriteNew: return .readWrite
            }
        }

        var options: FileDescriptor.OpenOptions {
            switch self {
            case .read: return [.closeOnExec]
            case .folder: return [.closeOnExec, .directory]
            case .writeTruncating: return [.closeOnExec, .create, .truncate]
            case .writeNew, .readWriteNew: return [.closeOnExec, .create, .exclusiveCreate]
            case .readWrite: return [.closeOnExec, .create]
            case .append: return [.closeOnExec, .create, .append]
            }
        }

        /// The kind of error a failed open is, unless the caller says otherwise: a missing
        /// input for a read, an I/O failure for the rest.
        func failureKind(_ error: Errno) -> DealersError.Kind {
            self == .read && error == .noSuchFileOrDirectory ? .noInput : .io
        }
    }

    /// The path the file was opened by, for error messages.
    public let path: String
    @usableFromInline let descriptor: FileDescriptor
    /// Whether the file is still open (not yet closed).
    public internal(set) var isOpen = true

    /// Takes ownership of an open descriptor.
    init(path: String, descriptor: FileDescriptor) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Opens `path`.
    /// - Parameters:
    ///   - mode: how to open it.
    ///   - failure: the kind of error a failed open is; by default `.noInput` for a missing file
    ///     opened to read, `.io` otherwise.
    /// - Throws: ``DealersError`` `"open failed: …"` naming `path`.
    public convenience init(_ path: String, _ mode: Mode, failure: DealersError.Kind? = nil) throws {
        do {
            self.init(path: path, descriptor: try Self.descriptor(path, mode))
        } catch {
            let error = (error as? Errno) ?? .ioError
            throw DealersError.fileSystem("open", path: path, error, kind: failure ?? mode.failureKind(error))
        }
    }

    /// Opens `path`, or `nil` when it (or one of its folders) does not exist.
    /// - Throws: ``DealersError`` `.io` for any other failure.
    public static func openIfPresent(_ path: String, _ mode: Mode = .read) throws -> OpenFile? {
        do {
            return OpenFile(path: path, descriptor: try descriptor(path, mode))
        } catch {
            let error = (error as? Errno) ?? .ioError
            if error.meansAbsent { return nil }
            throw DealersError.fileSystem("open", path: path, error)
        }
    }

    /// Opens a descriptor; a file it creates gets `rw-r--r--`.
    private static func descriptor(_ path: String, _ mode: Mode) throws -> FileDescriptor {
        try FileDescriptor.open(FilePath(path), mode.access, options: mode.options,
                                permissions: [.ownerReadWrite, .groupRead, .otherRead])
    }

    deinit { closeIgnoringErrors() }

    /// The descriptor number, for a C library that takes one.
    public var rawDescriptor: Int32 { descriptor.rawValue }

    // MARK: Reading

    /// Reads at most `buffer.count` bytes at the current offset; 0 at the end of the file.
    /// - Throws: ``DealersError`` `.io` `"read failed: …"`.
    @inlinable
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try descriptor.read(into: buffer)
        } catch {
            throw failure("read", error)
        }
    }

    /// Reads until `buffer` is full or the file ends, starting at `offset`, without moving the
    /// file's offset. Returns the number of bytes read: less than `buffer.count` only at the end.
    /// - Throws: ``DealersError`` `.io` `"read failed: …"`.
    @inlinable
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n: Int
            do {
                n = try descriptor.read(fromAbsoluteOffset: Int64(offset + done),
                                        into: UnsafeMutableRawBufferPointer(start: base + done, count: buffer.count - done))
            } catch {
                throw failure("read", error)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    // MARK: Writing

    /// Writes every byte of `buffer` at the current offset (short writes are continued).
    /// - Throws: ``DealersError`` `.io` `"write failed: …"`.
    @inlinable
    public func write(_ buffer: UnsafeRawBufferPointer) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            do {
                done += try descriptor.write(UnsafeRawBufferPointer(start: base + done, count: buffer.count - done))
            } catch {
                throw failure("write", error)
            }
        }
    }

    /// Writes every byte of `buffer` at `offset`, without moving the file's offset.
    /// - Throws: ``DealersError`` `.io` `"write failed: …"`.
    @inlinable
    public func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            do {
                done += try descriptor.write(toAbsoluteOffset: Int64(offset + done),
                                             UnsafeRawBufferPointer(start: base + done, count: buffer.count - done))
            } catch {
                throw failure("write", error)
            }
        }
    }

    // MARK: Size and position

    /// Cuts (or extends) the file to `size` bytes and moves the offset to `size`.
    /// - Throws: ``DealersError`` `.io` `"truncate failed: …"`.
    public func truncate(to size: Int) throws {
        do {
            try descriptor.resize(to: Int64(size))
            _ = try descriptor.seek(offset: Int64(size), from: .start)
        } catch {
            throw failure("truncate", error)
        }
    }

    /// What the file is: its size, whether it is a folder, its identity.
    /// - Throws: ``DealersError`` `.io` `"stat failed: …"`.
    public func info() throws -> FileInfo {
        var raw = stat()
        if let error = SystemCall.run({ fstat(descriptor.rawValue, &raw) }) { throw failure("stat", error) }
        return FileInfo(raw)
    }

    /// The size of the file in bytes.
    /// - Throws: ``DealersError`` `.io` `"stat failed: …"`.
    public func size() throws -> Int { try info().size }

    // MARK: Durability

    /// Flushes the file's content and metadata to disk (`fsync`).
    /// - Throws: ``DealersError`` `.io` `"fsync failed: …"`.
    public func sync() throws {
        if let error = SystemCall.run({ fsync(descriptor.rawValue) }) { throw failure("fsync", error) }
    }

    /// Flushes everything written to the file system this file is on (`syncfs` on Linux; an
    /// `fsync` of this file elsewhere).
    /// - Throws: ``DealersError`` `.io` `"syncfs failed: …"`.
    public func syncFileSystem() throws {
        #if os(Linux)
        if let error = SystemCall.run({ c_syncfs(descriptor.rawValue) }) { throw failure("syncfs", error) }
        #else
        try sync()
        #endif
    }

    // MARK: Locking

    /// Takes the exclusive `flock` of this open file without waiting.
    /// - Returns: `false` when another open file holds it.
    /// - Throws: ``DealersError`` `.io` `"lock failed: …"` for any other failure.
    public func tryLock() throws -> Bool {
        guard let error = SystemCall.run({ flock(descriptor.rawValue, LOCK_EX | LOCK_NB) }) else { return true }
        if error == .wouldBlock { return false }
        throw failure("lock", error)
    }

    /// Releases the `flock` of this open file (closing it does too).
    public func unlock() {
        _ = SystemCall.run { flock(descriptor.rawValue, LOCK_UN) }
    }

    // MARK: Closing

    /// Closes the file; later calls do nothing.
    /// - Throws: ``DealersError`` `.io` `"close failed: …"` (the descriptor is gone all the same).
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        do {
            try descriptor.close()
        } catch {
            throw failure("close", error)
        }
    }

    /// Closes the file when it is still open, ignoring a failure (cleanup after another error).
    public func closeIgnoringErrors() {
        try? close()
    }

    /// The ``DealersError`` for a failed `operation` on this file.
    @usableFromInline
    func failure(_ operation: String, _ error: any Error) -> DealersError {
        DealersError.fileSystem(operation, path: path, (error as? Errno) ?? .ioError)
    }
}

#if os(Linux)
/// `syncfs(2)` is only declared under `_GNU_SOURCE`, which the Glibc module does not expose.
@_silgen_name("syncfs")
private func c_syncfs(_ fd: Int32) -> Int32
#endif

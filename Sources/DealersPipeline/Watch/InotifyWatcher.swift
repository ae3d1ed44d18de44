#if canImport(Glibc)
import Glibc
#endif
import Foundation
import DealersSupport

/// Watches folders with Linux inotify for files that are closed after writing, moved in or
/// created (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE). It does not say which file: a wake-up
/// only means "scan again". Owns its descriptor and closes it in `deinit`.
///
/// Not available (the initialiser throws) on systems without inotify or when the per-user
/// limit of instances is reached; the watcher then polls.
public final class InotifyWatcher {
    /// The descriptor to wait on (readable when events are queued).
    public let descriptor: Int32
    private var watched: [String: Int32] = [:]

    /// Opens an inotify instance.
    /// - Throws: ``DealersError`` `.io` when inotify is unavailable.
    public init() throws {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw DealersError.io("inotify", "starting inotify") }
        descriptor = fd
        #else
        throw DealersError(.io, "inotify is only available on Linux")
        #endif
    }

    deinit { close(descriptor) }

    /// Watches each folder that exists and is not watched yet (a folder created later is
    /// picked up by calling this again after a wake-up).
    /// - Throws: ``DealersError`` `.io` when a watch cannot be added (e.g. the limit of watches).
    public func watch(_ folders: [URL]) throws {
        #if os(Linux)
        for folder in folders where watched[folder.path] == nil {
            guard (try? FileSystem.entry(at: folder.path, followingLinks: true)) == .folder else { continue }
            let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_ONLYDIR)
            let wd = inotify_add_watch(descriptor, folder.path, mask)
            guard wd >= 0 else { throw DealersError.io(folder.path, "watching with inotify") }
            watched[folder.path] = wd
        }
        #endif
    }

    /// Reads and discards every queued event; returns whether there was any. A watched folder
    /// that was deleted is forgotten, so that it is watched again once it is created anew.
    @discardableResult
    public func drain() -> Bool {
        #if os(Linux)
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            any = true
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                if mask & UInt32(IN_IGNORED) != 0 { watched = watched.filter { $0.value != wd } }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
        return any
        #else
        return false
        #endif
    }
}

import DealersSupport
import Foundation
import Testing

/// A private folder for one test, removed when the test's value goes away.
final class FileSystemScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-fs-\(UUID().uuidString)")
        try FileSystem.createDirectory(url.path)
    }

    deinit { try? FileSystem.removeTree(url.path) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

@Suite("File system")
struct FileSystemTests {
    @Test("opening a missing file is a .noInput error naming the path and the operation")
    func missingFile() throws {
        let folder = try FileSystemScratch()
        let path = folder.path("absent.csv")
        let error = try #require(throws: DealersError.self) { try OpenFile(path, .read) }
        #expect(error.kind == .noInput)
        #expect(error.path == path)
        #expect(error.message == "open failed: No such file or directory")
        #expect(try OpenFile.openIfPresent(path) == nil)
    }

    @Test("a file that cannot be created in its folder is a .cannotCreate error naming the path")
    func unwritableFolder() throws {
        let folder = try FileSystemScratch()
        let locked = folder.url.appendingPathComponent("read-only")
        try FileSystem.createDirectory(locked.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        // Permissions do not stop root; /proc refuses new files to everyone.
        let target = (getuid() == 0 ? URL(fileURLWithPath: "/proc") : locked).appendingPathComponent("report.csv")
        let error = try #require(throws: DealersError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(error.kind == .cannotCreate)
        #expect(error.path?.hasPrefix(target.deletingLastPathComponent().path + "/.report.csv.") == true)
        #expect(error.message.hasPrefix("open failed: "))
        #expect(try FileSystem.entry(at: target.path) == .absent)
    }

    @Test("a rename between missing folders names the source, the target and the system's reason")
    func renameAcrossMissingFolders() throws {
        let folder = try FileSystemScratch()
        let source = folder.path("missing-a/file.json"), target = folder.path("missing-b/file.json")
        let error = try #require(throws: DealersError.self) { try FileSystem.rename(source, to: target) }
        #expect(error.kind == .io)
        #expect(error.path == source)
        #expect(error.message == "rename to \(target) failed: No such file or directory")
        #expect(try FileSystem.renameIfPresent(source, to: target) == false)
    }

    @Test("bytes written (in order and at an offset) read back the same, by offset and in sequence")
    func writeReadRoundTrip() throws {
        let folder = try FileSystemScratch()
        let path = folder.path("data.bin")
        let writer = try OpenFile(path, .writeNew)
        try Array("hello, world".utf8).withUnsafeBytes { try writer.write($0) }
        try Array("WORLD".utf8).withUnsafeBytes { try writer.write($0, at: 7) }
        try writer.sync()
        #expect(try writer.size() == 12)
        try writer.close()
        try writer.close()
        #expect(throws: DealersError.self) { try OpenFile(path, .writeNew) }

        let reader = try OpenFile(path, .read)
        var buffer = [UInt8](repeating: 0, count: 64)
        let atOffset = try buffer.withUnsafeMutableBytes { try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<5]), at: 7) }
        #expect(atOffset == 5 && Array(buffer[0..<5]) == Array("WORLD".utf8))
        let whole = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
        #expect(String(decoding: buffer[0..<whole], as: UTF8.self) == "hello, WORLD")
        #expect(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } == 0)

        let chunks = try InputFile(url: URL(fileURLWithPath: path), chunkSize: 5)
        var streamed: [UInt8] = []
        while let chunk = try chunks.nextChunk() { streamed += chunk }
        #expect(String(decoding: streamed, as: UTF8.self) == "hello, WORLD")
    }

    @Test("truncating empties a file and writing starts again at its beginning")
    func truncate() throws {
        let folder = try FileSystemScratch()
        let file = try OpenFile(folder.path("spool"), .readWriteNew)
        try Array("first".utf8).withUnsafeBytes { try file.write($0) }
        try file.truncate(to: 0)
        try Array("ab".utf8).withUnsafeBytes { try file.write($0) }
        #expect(try file.size() == 2)
    }

    @Test("a lock held through one open file is refused to a second one until released")
    func lockRefusedToSecondDescriptor() throws {
        let folder = try FileSystemScratch()
        let path = folder.path("lock")
        let first = try OpenFile(path, .readWrite)
        let second = try OpenFile(path, .readWrite)
        #expect(try first.tryLock())
        #expect(try second.tryLock() == false)
        first.unlock()
        #expect(try second.tryLock())
        #expect(try first.tryLock() == false)
        try second.close()
        #expect(try first.tryLock())
    }

    @Test("a mapping reads back what was written; an empty file maps to nothing, a missing one to nil")
    func mappingReadsBack() throws {
        let folder = try FileSystemScratch()
        let bytes: [UInt8] = [1, 0, 0, 0, 0x34, 0x12] + Array("segment".utf8)
        try AtomicFile.write(Data(bytes), to: folder.url.appendingPathComponent("1.jsonl"))
        let mapping = try #require(try MappedFile.openIfPresent(folder.path("1.jsonl")))
        #expect(Array(mapping.bytes) == bytes)
        #expect(mapping.load(UInt32.self, at: 0) == 1)
        #expect(mapping.load(UInt16.self, at: 4) == 0x1234)
        mapping.adviseRandom()
        mapping.release()
        #expect(Array(mapping.bytes) == bytes)

        try AtomicFile.write(Data(), to: folder.url.appendingPathComponent("empty"))
        #expect(try #require(try MappedFile.openIfPresent(folder.path("empty"))).bytes.isEmpty)
        #expect(try MappedFile.openIfPresent(folder.path("absent")) == nil)
    }

    @Test("folders are created with their parents, listed, flushed and removed; a file in the way is named")
    func folders() throws {
        let folder = try FileSystemScratch()
        let nested = folder.path("a/b/c")
        try FileSystem.createDirectory(nested)
        try FileSystem.createDirectory(nested)
        try AtomicFile.write(Data("{}".utf8), to: folder.url.appendingPathComponent("a/doc.json"))
        let listing = try FileSystem.listing(of: folder.path("a")).sorted { $0.name < $1.name }
        #expect(listing == [FileSystem.ListedEntry(name: "b", isFolder: true), FileSystem.ListedEntry(name: "doc.json", isFolder: false)])
        #expect(try FileSystem.names(in: folder.path("nowhere")).isEmpty)
        try FileSystem.syncDirectory(nested)
        #expect(try FileSystem.remove(folder.path("a/doc.json")))
        #expect(try FileSystem.remove(folder.path("a/doc.json")) == false)
        try FileSystem.removeTree(folder.path("a"))
        #expect(try FileSystem.entry(at: folder.path("a")) == .absent)

        try AtomicFile.write(Data("x".utf8), to: folder.url.appendingPathComponent("file"))
        let error = try #require(throws: DealersError.self) { try FileSystem.createDirectory(folder.path("file/sub")) }
        #expect(error.kind == .cannotCreate)
        #expect(error.path == folder.path("file"))
        #expect(error.message == "create folder failed: File exists")
    }
}

import DealersSupport
import Foundation
import Testing

/// What the rest of the program used to do around ``FileSystem`` (the portal's `link`, `openat`
/// and `lstat`; `FileManager`'s checks) and now asks of it.
extension FileSystemTests {
    @Test("a link never replaces what is at its target: link throws naming both, linkIfAbsent says no")
    func linkNeverReplaces() throws {
        let folder = try FileSystemScratch()
        let source = folder.path("upload.csv"), target = folder.path("inbox.csv")
        try AtomicFile.write(Data("new".utf8), to: URL(fileURLWithPath: source))
        #expect(try FileSystem.linkIfAbsent(source, to: target))
        #expect(try FileSystem.info(at: target).inode == FileSystem.info(at: source).inode)

        try FileSystem.remove(target)
        try AtomicFile.write(Data("waiting".utf8), to: URL(fileURLWithPath: target))
        #expect(try FileSystem.linkIfAbsent(source, to: target) == false)
        let error = try #require(throws: DealersError.self) { try FileSystem.link(source, to: target) }
        #expect(error.kind == .io)
        #expect(error.path == source)
        #expect(error.message == "link to \(target) failed: File exists")
        #expect(try FileSystem.readIfPresent(target) == Data("waiting".utf8))
    }

    @Test("a regular file inside a folder opens without following links; links, folders and missing names are nil")
    func openRegularFileRefusesLinks() throws {
        let folder = try FileSystemScratch()
        try AtomicFile.write(Data("report".utf8), to: folder.url.appendingPathComponent("shelf/report.csv"))
        try FileSystem.createDirectory(folder.path("shelf/2026-11-24"))
        try FileManager.default.createSymbolicLink(atPath: folder.path("shelf/link.csv"), withDestinationPath: folder.path("shelf/report.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.path("linked-shelf"), withDestinationPath: folder.path("shelf"))

        let file = try #require(try OpenFile.openRegularFile(named: "report.csv", in: folder.path("shelf")))
        #expect(try file.readToEnd() == Data("report".utf8))
        for name in ["link.csv", "2026-11-24", "absent.csv", "..", "2026-11-24/../report.csv", ""] {
            #expect(try OpenFile.openRegularFile(named: name, in: folder.path("shelf")) == nil, "\(name)")
        }
        #expect(try OpenFile.openRegularFile(named: "report.csv", in: folder.path("linked-shelf")) == nil)
        #expect(try OpenFile.openRegularFile(named: "report.csv", in: folder.path("nowhere")) == nil)
    }

    @Test("stat without following links describes the link; readable, executable and present are told apart")
    func noFollowStatAndAccess() throws {
        let folder = try FileSystemScratch()
        let file = folder.path("data.csv"), link = folder.path("link.csv"), dangling = folder.path("dangling.csv")
        try AtomicFile.write(Data("12345".utf8), to: URL(fileURLWithPath: file))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder.path("gone.csv"))

        let followed = try FileSystem.info(at: link)
        #expect(followed.isRegularFile && followed.size == 5)
        let itself = try FileSystem.info(at: link, followingLinks: false)
        #expect(!itself.isRegularFile && !itself.isFolder)
        #expect(abs(followed.modified.timeIntervalSince1970 - Double(followed.modifiedSeconds)) < 1)

        #expect(try FileSystem.exists(dangling))
        #expect(try FileSystem.exists(dangling, followingLinks: true) == false)
        #expect(FileSystem.isReadable(file) && !FileSystem.isReadable(dangling))
        #expect(!FileSystem.isExecutable(file) && FileSystem.isExecutable("/bin/sh"))
        #expect(try FileSystem.readIfPresent(folder.path("gone.csv")) == nil)
    }
}

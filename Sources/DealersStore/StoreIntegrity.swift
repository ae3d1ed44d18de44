import Crypto
import Foundation

/// The file-level half of `dealers store verify`: every segment and index is what the manifest
/// says (SHA-256 of each file), every index entry points at a whole line of its key, keys are in
/// strictly increasing order, and the lines cover the segment file exactly.
extension DocumentStore {
    /// Every problem found in the store's files, one sentence each naming the file; empty when sound.
    public func verifyFiles() throws -> [String] {
        var problems: [String] = []
        for segment in view.segments {
            problems += check(segment)
        }
        let live = Set(view.manifest.segments.flatMap { [Segment.dataName($0.id), Segment.indexName($0.id)] })
        for name in try StoreFiles.names(in: segmentsDirectory).sorted() where !live.contains(name) {
            problems.append("\(segmentsDirectory.appendingPathComponent(name).path): not listed in \(Manifest.fileName)")
        }
        return problems
    }

    private func check(_ segment: Segment) -> [String] {
        let path = segmentsDirectory.appendingPathComponent(Segment.dataName(segment.id)).path
        var problems: [String] = []
        if Checksum.hex(Self.sha256(of: segment.data)) != segment.info.sha256 {
            problems.append("\(path): its SHA-256 is not the one \(Manifest.fileName) recorded (the file was changed or damaged)")
        }
        if Checksum.hex(SHA256.hash(data: segment.indexBytes)) != segment.info.indexSha256 {
            problems.append("\(segmentsDirectory.appendingPathComponent(Segment.indexName(segment.id)).path): its SHA-256 is not the one \(Manifest.fileName) recorded")
        }
        var expectedOffset = 0
        var previous: Segment.Entry?
        var documents = 0
        for i in 0..<segment.count {
            let entry: Segment.Entry
            do { entry = try segment.entry(i) } catch { problems.append("\(error)"); break }
            guard entry.offset == expectedOffset else {
                problems.append("\(path): index entry \(i) is at byte \(entry.offset), expected \(expectedOffset)")
                break
            }
            expectedOffset += entry.length
            guard let parsed = DocumentLine.parse(segment.line(of: entry)), parsed.keyLength == entry.keyLength,
                  parsed.isDeletion == entry.isDeletion, segment.prefix(at: i) == KeyPrefix(segment.key(of: entry)) else {
                problems.append("\(path): line \(i + 1) is not a document line of the key its index names")
                break
            }
            if let previous, KeyBytes.compare(segment.key(of: previous), segment.key(of: entry)) >= 0 {
                problems.append("\(path): line \(i + 1) is out of key order")
                break
            }
            if !entry.isDeletion { documents += 1 }
            previous = entry
            if (i + 1) % Self.releaseEvery == 0 { try? segment.release(from: i + 1 - Self.releaseEvery, to: i + 1) }
        }
        segment.releaseAll()
        if problems.isEmpty, expectedOffset != segment.data.bytes.count {
            problems.append("\(path): \(segment.data.bytes.count - expectedOffset) bytes after the last indexed line")
        }
        if problems.isEmpty, documents != segment.info.documents {
            problems.append("\(path): \(documents) documents, \(Manifest.fileName) says \(segment.info.documents)")
        }
        return problems
    }

    /// Index entries checked between two hand-backs of the pages they touched.
    private static let releaseEvery = 65_536

    /// The SHA-256 of a mapped file, hashed 8 MiB at a time, each part's pages given back once
    /// hashed: checking a large segment does not keep it resident.
    private static func sha256(of file: MappedFile) -> SHA256.Digest {
        var hasher = SHA256()
        let part = 8 << 20
        var start = 0
        while start < file.bytes.count {
            let end = min(file.bytes.count, start + part)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: file.bytes[start..<end]))
            file.release(start..<end)
            start = end
        }
        return hasher.finalize()
    }
}

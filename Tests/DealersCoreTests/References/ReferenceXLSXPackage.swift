// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation
@testable import DealersCore
/// The ZIP container of an XLSX file: finds parts by name and extracts them to temporary files
/// under the safety limits, so that the XML parsers can stream them from disk.
package final class ReferenceXLSXPackage {
    /// The workbook file, as given (used in every error).
    package let path: String
    private let archive: Archive
    private let limits: XLSXLimits
    private let scratch: URL
    private var entries: [String: Entry] = [:]
    private var entriesFolded: [String: Entry] = [:]
    private var extractedCount = 0

    /// Opens the archive; throws a `.data` error when the file is not a ZIP archive.
    package init(url: URL, limits: XLSXLimits) throws {
        path = url.path
        self.limits = limits
        switch (try? FileSystem.entry(at: url.path, followingLinks: true)) ?? .absent {
        case .absent: throw DealersError(.noInput, path: url.path, "the XLSX file does not exist")
        case .folder: throw DealersError(.data, path: url.path, "expected an XLSX file, found a folder")
        case .file: break
        }
        guard FileSystem.isReadable(url.path) else {
            throw DealersError(.io, path: url.path, "the XLSX file cannot be opened for reading")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DealersError(.data, path: url.path, "not an XLSX workbook: " + ReferenceXLSXPackage.whatItIs(url))
        }
        for entry in archive {
            let name = ReferenceXLSXPackage.normalize(entry.path)
            entries[name] = entry
            entriesFolded[name.lowercased()] = entry
        }
        scratch = FileSystem.uniqueTemporaryURL(prefix: "dealers-xlsx")
        do {
            try FileSystem.createDirectory(scratch.path)
        } catch let error as DealersError {
            throw DealersError(.io, path: scratch.path, "creating a temporary folder failed: \(error.message)")
        }
    }

    deinit {
        try? FileSystem.removeTree(scratch.path)
    }

    /// Whether the package holds a part with this name (OPC part names are case-insensitive).
    package func contains(_ part: String) -> Bool { entry(part) != nil }

    private func entry(_ part: String) -> Entry? {
        let name = ReferenceXLSXPackage.normalize(part)
        return entries[name] ?? entriesFolded[name.lowercased()]
    }

    /// Extracts a part to a temporary file, streams it through `parser`, and removes the file.
    package func parse(_ part: String, with parser: ReferenceXLSXPartParser) throws {
        let file = try extract(part)
        defer { _ = try? FileSystem.remove(file.path) }
        try parser.parse(file)
    }

    /// Extracts a part to a temporary file and returns its URL, counting the inflated bytes and
    /// refusing parts that break the limits, that declare a DOCTYPE or entities, or are UTF-16.
    private func extract(_ part: String) throws -> URL {
        guard let entry = entry(part), entry.type == .file else {
            throw DealersError(.data, path: path, "not a complete XLSX workbook: the part \(part) is missing")
        }
        let declared = Int64(clamping: entry.uncompressedSize)
        let compressed = Int64(clamping: entry.compressedSize)
        guard declared <= limits.maxUncompressedEntryBytes else {
            throw DealersError(.data, path: path, "the part \(part) declares \(declared) bytes uncompressed, "
                               + "more than the limit of \(limits.maxUncompressedEntryBytes) bytes")
        }
        try checkRatio(part, inflated: declared, compressed: compressed, entry: entry)

        extractedCount += 1
        let target = scratch.appendingPathComponent("part-\(extractedCount).xml")
        let output: OpenFile
        do {
            output = try OpenFile(target.path, .writeTruncating)
        } catch let error as DealersError {
            throw DealersError(.io, path: target.path, "creating a temporary file failed: \(error.message)")
        }
        defer { output.closeIgnoringErrors() }

        var inflated: Int64 = 0
        var scanner = ReferenceDeclarationScanner()
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                inflated += Int64(chunk.count)
                if inflated > limits.maxUncompressedEntryBytes {
                    throw DealersError(.data, path: path, "the part \(part) inflates to more than the limit of "
                                       + "\(limits.maxUncompressedEntryBytes) bytes (a ZIP bomb?)")
                }
                if inflated > declared {
                    throw DealersError(.data, path: path, "the part \(part) inflates to more than the "
                                       + "\(declared) bytes its ZIP header declares")
                }
                try checkRatio(part, inflated: inflated, compressed: compressed, entry: entry)
                if let problem = scanner.scan(chunk) {
                    throw DealersError(.data, path: path, "the part \(part) is not acceptable XML: \(problem)")
                }
                do {
                    try chunk.withUnsafeBytes { try output.write($0) }
                } catch {
                    throw DealersError(.io, path: target.path, "writing the extracted part \(part) failed: \(error)")
                }
            }
        } catch let error as DealersError {
            throw error
        } catch {
            throw DealersError(.data, path: path, "the part \(part) cannot be extracted: \(error)")
        }
        guard inflated == declared else {
            throw DealersError(.data, path: path, "the part \(part) inflates to \(inflated) bytes, "
                               + "not the \(declared) its ZIP header declares")
        }
        guard checksum == entry.checksum else {
            throw DealersError(.data, path: path, "the part \(part) is damaged (its CRC-32 does not match)")
        }
        return target
    }

    private func checkRatio(_ part: String, inflated: Int64, compressed: Int64, entry: Entry) throws {
        guard entry.isCompressed, inflated > limits.compressionRatioGraceBytes else { return }
        let (product, overflow) = max(compressed, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
        if !overflow && inflated > product {
            throw DealersError(.data, path: path, "the part \(part) expands more than \(limits.maxCompressionRatio) "
                               + "times its compressed size of \(compressed) bytes (a ZIP bomb?)")
        }
    }

    /// Why a file that ZIPFoundation cannot open is not a workbook, from its first bytes.
    private static func whatItIs(_ url: URL) -> String {
        var head = [UInt8](repeating: 0, count: 8)
        let count = (try? OpenFile(url.path, .read)).flatMap { file in
            defer { file.closeIgnoringErrors() }
            return try? head.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        } ?? 0
        head.removeSubrange(count...)
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "the file is an OLE compound document (a password-protected workbook or an old .xls "
                + "file), not a ZIP archive; save it as an unprotected .xlsx"
        }
        return "the file is not a ZIP archive"
    }

    /// A part name without a leading slash and with forward slashes.
    package static func normalize(_ name: String) -> String {
        var s = name.replacingOccurrences(of: "\\", with: "/")
        while s.hasPrefix("/") { s.removeFirst() }
        return s
    }

    /// Resolves a relationship target against the folder of the part that declares it
    /// (`"worksheets/sheet1.xml"` from `xl/workbook.xml` is `xl/worksheets/sheet1.xml`; a target
    /// starting with `/` is relative to the package root).
    package static func resolve(_ target: String, from sourcePart: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring] = []
        if !decoded.hasPrefix("/") {
            segments = normalize(sourcePart).split(separator: "/")
            if !segments.isEmpty { segments.removeLast() }
        }
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    package static func relationshipsPart(of part: String) -> String {
        let name = normalize(part)
        guard let slash = name.lastIndex(of: "/") else { return "_rels/\(name).rels" }
        return "\(name[..<slash])/_rels/\(name[name.index(after: slash)...]).rels"
    }
}

/// Finds `<!DOCTYPE` and `<!ENTITY` in a byte stream split in chunks, and UTF-16 encoded XML at
/// its start: XLSX parts never need them, and refusing them rules out entity expansion attacks.
package struct ReferenceDeclarationScanner {
    private var state = 0            // 0: looking for "<", 1: after "<", 2: after "<!"
    private var word: [UInt8] = []
    private var started = false

    /// Scans the next chunk; returns a description of the first problem found.
    package mutating func scan(_ chunk: Data) -> String? {
        if !started, let first = chunk.first {
            started = true
            if first == 0xFE || first == 0xFF || first == 0 || (chunk.count > 1 && chunk[chunk.startIndex + 1] == 0) {
                return "it is encoded in UTF-16; only UTF-8 parts are supported"
            }
        }
        for byte in chunk {
            switch state {
            case 1:
                state = byte == UInt8(ascii: "!") ? 2 : (byte == UInt8(ascii: "<") ? 1 : 0)
                word.removeAll(keepingCapacity: true)
            case 2:
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z"), word.count < 7 {
                    word.append(byte)
                    if word == Array("DOCTYPE".utf8) { return "it declares a DOCTYPE, which XLSX parts never need" }
                    if word == Array("ENTITY".utf8) { return "it declares an entity, which XLSX parts never need" }
                } else {
                    state = byte == UInt8(ascii: "<") ? 1 : 0
                }
            default:
                if byte == UInt8(ascii: "<") { state = 1 }
            }
        }
        return nil
    }

    /// Creates an empty one.
    package init() {}
}

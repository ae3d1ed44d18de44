import Foundation
import ZIPFoundation
import DealersSupport

/// The ZIP container of a workbook (XLSX or ODS): finds parts by name and streams each one,
/// inflated chunk by chunk, through a ``MarkupScanner`` into a handler — nothing is extracted
/// to disk and no part is held whole in memory.
///
/// The ``XLSXLimits`` hold while a part inflates: its declared size, the bytes really inflated
/// (a header that lies is caught), and the ratio of inflated to compressed bytes (a ZIP bomb).
/// A part whose CRC-32 or size does not match its header is reported as damaged, even when its
/// XML broke first.
package final class WorkbookPackage {
    /// The workbook file, as given (used in every error).
    package let path: String
    private let archive: Archive
    private let limits: XLSXLimits
    private var entries: [String: Entry] = [:]
    private var entriesFolded: [String: Entry] = [:]
    /// The part names in archive order.
    package private(set) var names: [String] = []

    /// Stops inflating when the handler has failed (its error is thrown instead).
    private struct HandlerFailed: Error {}

    /// Inflated bytes handed to the scanner at a time.
    private static let chunkSize = 64 << 10

    /// Opens the archive. Throws `.noInput` for a missing file and a `.data` error naming what
    /// the file is when it is not a ZIP archive (``OfficeFileKind``).
    package init(url: URL, limits: XLSXLimits) throws {
        path = url.path
        self.limits = limits
        guard try FileSystem.exists(url.path, followingLinks: true) else {
            throw DealersError(.noInput, path: url.path, "the workbook file does not exist")
        }
        guard try !FileSystem.info(at: url.path).isFolder else {
            throw DealersError(.data, path: url.path, "expected a workbook file, found a folder")
        }
        guard FileSystem.isReadable(url.path) else {
            throw DealersError(.io, path: url.path, "the workbook file cannot be opened for reading")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DealersError(.data, path: url.path, OfficeFileKind.sniff(url, openZip: false).notAWorkbook)
        }
        for entry in archive {
            let name = Self.normalize(entry.path)
            names.append(name)
            entries[name] = entry
            entriesFolded[name.lowercased()] = entry
        }
    }

    /// Whether the package holds a part with this name (OPC part names are case-insensitive).
    package func contains(_ part: String) -> Bool { entry(part) != nil }

    private func entry(_ part: String) -> Entry? {
        let name = Self.normalize(part)
        return entries[name] ?? entriesFolded[name.lowercased()]
    }

    /// The bytes of a small part (at most `maxBytes`, e.g. an ODS `mimetype`), `nil` when it is
    /// absent, larger or unreadable.
    package func smallPart(_ part: String, maxBytes: Int) -> [UInt8]? {
        guard let entry = entry(part), entry.type == .file, entry.uncompressedSize <= UInt64(maxBytes) else { return nil }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 4096, skipCRC32: true) { chunk in
                bytes.append(contentsOf: chunk)
                if bytes.count > maxBytes { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            return nil
        }
        return bytes
    }

    /// Streams a part through a scanner into `handler`.
    /// - Throws: a `.data` ``DealersError`` naming the part when it is missing, breaks a limit,
    ///   is damaged or is not acceptable XML (`format` names the kind of file in messages, e.g.
    ///   `XLSX`); what `handler` throws, unchanged.
    package func read<H: MarkupHandler>(_ part: String, format: String, into handler: inout H) throws {
        guard let entry = entry(part), entry.type == .file else {
            throw DealersError(.data, path: path, "not a complete \(format) workbook: the part \(part) is missing")
        }
        let declared = Int64(clamping: entry.uncompressedSize)
        let compressed = Int64(clamping: entry.compressedSize)
        guard declared <= limits.maxUncompressedEntryBytes else {
            throw DealersError(.data, path: path, "the part \(part) declares \(declared) bytes uncompressed, "
                               + "more than the limit of \(limits.maxUncompressedEntryBytes) bytes")
        }
        try checkRatio(part, inflated: declared, compressed: compressed, entry: entry)

        var scanner = MarkupScanner()
        var inflated: Int64 = 0
        var markupFailure: MarkupError?
        var handlerFailure: Error?
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: Self.chunkSize, skipCRC32: false) { chunk in
                inflated += Int64(chunk.count)
                try checkInflated(part, inflated: inflated, declared: declared, compressed: compressed, entry: entry)
                guard markupFailure == nil else { return }   // inflate on, to tell a damaged part from bad XML
                do {
                    try chunk.withUnsafeBytes { try scanner.feed($0, to: &handler) }
                } catch let error as MarkupError {
                    markupFailure = error
                } catch {
                    handlerFailure = error
                    throw HandlerFailed()
                }
            }
        } catch is HandlerFailed {
            throw handlerFailure ?? DealersError(.data, path: path, "the part \(part) could not be read")
        } catch let error as DealersError {
            throw error
        } catch {
            throw DealersError(.data, path: path, "the part \(part) is damaged and cannot be inflated (\(error)); "
                               + Self.saveAgain(format))
        }
        guard inflated == declared else {
            throw DealersError(.data, path: path, "the part \(part) inflates to \(inflated) bytes, "
                               + "not the \(declared) its ZIP header declares")
        }
        guard checksum == entry.checksum else {
            throw DealersError(.data, path: path, "the part \(part) is damaged (its CRC-32 does not match); " + Self.saveAgain(format))
        }
        do {
            if markupFailure == nil { try scanner.finish(&handler) }
        } catch let error as MarkupError {
            markupFailure = error
        }
        if let markupFailure {
            let refusal = markupFailure.message.replacingOccurrences(of: "workbook parts", with: "\(format) parts")
            throw DealersError(.data, path: path, "the part \(part) \(refusal)"
                               + (markupFailure.kind == .notWellFormed ? "; " + Self.saveAgain(format) : ""))
        }
    }

    /// What to do with a damaged workbook.
    package static func saveAgain(_ format: String) -> String {
        "open it in the spreadsheet program and save it again as .\(format.lowercased())"
    }

    private func checkInflated(_ part: String, inflated: Int64, declared: Int64, compressed: Int64, entry: Entry) throws {
        if inflated > limits.maxUncompressedEntryBytes {
            throw DealersError(.data, path: path, "the part \(part) inflates to more than the limit of "
                               + "\(limits.maxUncompressedEntryBytes) bytes (a ZIP bomb?)")
        }
        if inflated > declared {
            throw DealersError(.data, path: path, "the part \(part) inflates to more than the "
                               + "\(declared) bytes its ZIP header declares")
        }
        try checkRatio(part, inflated: inflated, compressed: compressed, entry: entry)
    }

    private func checkRatio(_ part: String, inflated: Int64, compressed: Int64, entry: Entry) throws {
        guard entry.isCompressed, inflated > limits.compressionRatioGraceBytes else { return }
        let (product, overflow) = max(compressed, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
        if !overflow && inflated > product {
            throw DealersError(.data, path: path, "the part \(part) expands more than \(limits.maxCompressionRatio) "
                               + "times its compressed size of \(compressed) bytes (a ZIP bomb?)")
        }
    }

    /// A part name without a leading slash and with forward slashes.
    package static func normalize(_ name: String) -> String {
        var s = name.replacingOccurrences(of: "\\", with: "/")
        while s.hasPrefix("/") { s.removeFirst() }
        return s
    }
}

import Foundation
import ZIPFoundation

/// Every file under a folder of a workspace, as text a test can compare and search: a workbook
/// as its parts (each part's name, then its XML), a receipt as its outcome fields only (not its
/// times, checksum or output names), anything else as its bytes read as UTF-8.
struct OutboxContents {
    /// Path relative to the folder → comparable text.
    var files: [String: String] = [:]
    /// Path relative to the folder → every byte of text it holds (workbooks: every part).
    var raw: [String: String] = [:]

    /// The fields of a receipt that say what happened (the rest is time and naming).
    static let receiptFields: Set<String> = ["input", "dealer", "layout", "status", "rows", "actions", "errors", "errorCodes", "message"]

    init(_ folder: URL) throws {
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            let data = try Data(contentsOf: url)
            if url.pathExtension == "xlsx" {
                let parts = try Self.parts(of: url)
                raw[path] = parts.map { "\($0.name)\n\($0.text)" }.joined(separator: "\n")
                // Document properties hold the time the workbook was written.
                files[path] = parts.filter { !$0.name.hasPrefix("docProps/") }.map { "\($0.name)\n\($0.text)" }.joined(separator: "\n")
            } else if path.hasPrefix("receipts/") || path.contains("/receipts/"), url.pathExtension == "json",
                      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
                raw[path] = String(decoding: data, as: UTF8.self)
                let kept = object.filter { Self.receiptFields.contains($0.key) }
                files[path] = String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
            } else {
                raw[path] = String(decoding: data, as: UTF8.self)
                files[path] = raw[path]
            }
        }
    }

    /// The parts of a workbook, by name.
    static func parts(of url: URL) throws -> [(name: String, text: String)] {
        let archive = try Archive(url: url, accessMode: .read)
        var result: [(name: String, text: String)] = []
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            result.append((entry.path, String(decoding: data, as: UTF8.self)))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The comparable files with each pair's first string replaced by its second, in paths and
    /// contents, sorted: what two workspaces' outboxes are compared by.
    func normalised(_ replacements: [(String, String)]) -> [String] {
        files.map { path, text in
            var line = "== \(path)\n\(text)"
            for (from, to) in replacements { line = line.replacingOccurrences(of: from, with: to) }
            return line
        }.sorted()
    }

    /// The files (workbooks: any part) whose text contains `needle`.
    func files(containing needle: String) -> [String] {
        raw.filter { $0.value.contains(needle) }.map(\.key).sorted()
    }
}

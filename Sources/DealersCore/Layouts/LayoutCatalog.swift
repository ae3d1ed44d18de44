import Foundation

/// All layouts of a workspace, and the choice of one for a file (§5 step 2): by file-name
/// pattern first, then by header signature.
public struct LayoutCatalog: Sendable {
    /// The layouts, sorted by name.
    public let layouts: [Layout]

    /// Loads every `*.json` in a folder; the first broken layout stops with its error.
    public init(folder: URL) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
            throw DealersError(.noInput, path: folder.path, "cannot list the layouts folder: \(error.localizedDescription)")
        }
        layouts = try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .map { try LayoutLoader.load(folder.appendingPathComponent($0)) }
        var seen: [String: String] = [:]
        for layout in layouts {
            if let other = seen[layout.name] {
                throw DealersError(.layout, path: layout.source?.path, "$.name: \"\(layout.name)\" is also the name of \(other)")
            }
            seen[layout.name] = layout.source?.lastPathComponent ?? layout.name
        }
    }

    /// Creates a catalog from layouts already loaded.
    public init(layouts: [Layout]) {
        self.layouts = layouts
    }

    /// The layout with a name.
    public func layout(named name: String) -> Layout? {
        layouts.first { $0.name == name }
    }

    /// How a file was matched, for `dealers layouts FILE` and for messages.
    public struct Match: Sendable {
        /// The chosen layout, if any.
        public var layout: Layout?
        /// Why it was chosen, or why nothing was.
        public var reason: String
    }

    /// Identifies the layout of a file: layouts whose name pattern matches the file name are
    /// candidates (when several, the header decides); without a name match, the header
    /// signature alone decides.
    public func identify(_ file: URL) -> Match {
        let name = file.lastPathComponent
        let byName = layouts.filter { layout in
            guard let pattern = layout.match.fileNamePattern,
                  let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
            return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
        if byName.count == 1, let only = byName.first {
            return Match(layout: only, reason: "file name matches \(only.match.fileNamePattern ?? "")")
        }
        let candidates = byName.isEmpty ? layouts.filter { !$0.match.headerSignature.isEmpty } : byName
        var tried: [String] = []
        for layout in candidates where !layout.match.headerSignature.isEmpty {
            tried.append(layout.name)
            guard let header = try? HeaderPeek.header(of: file, layout: layout) else { continue }
            let keys = Set(header.map { TextNormalization.key($0.text) })
            if layout.match.headerSignature.allSatisfy({ layout.spellings(of: $0).contains(where: keys.contains) }) {
                return Match(layout: layout, reason: "header has \(layout.match.headerSignature.joined(separator: ", "))")
            }
        }
        if let first = byName.first {
            return Match(layout: first, reason: "file name matches \(first.match.fileNamePattern ?? "") (first of \(byName.count))")
        }
        let names = layouts.map(\.name).joined(separator: ", ")
        return Match(layout: nil, reason: "no file-name pattern matches \"\(name)\" and no header signature matched (candidates: \(names))")
    }
}

/// Reads just the header record of a file with a layout's format.
enum HeaderPeek {
    struct Found: Error { let cells: [Cell] }

    static func header(of file: URL, layout: Layout) throws -> [Cell]? {
        let target = layout.headerRecordNumber
        guard target > 0 else { return nil }
        var count = 0
        do {
            try RecordSources.make(file, layout: layout.adapted(to: file)).read { record in
                count += 1
                if count == target { throw Found(cells: record.cells) }
            }
        } catch let found as Found {
            return found.cells
        }
        return nil
    }
}

extension Layout {
    /// The normalised header spellings of a header-signature entry: when it names a field, every
    /// spelling of that field (name, title, aliases); otherwise the entry itself.
    func spellings(of signatureEntry: String) -> [String] {
        guard let field = schema.fields.first(where: { TextNormalization.key($0.name) == signatureEntry }) else {
            return [signatureEntry]
        }
        return ([field.name, field.title].compactMap { $0 } + field.aliases).map(TextNormalization.key)
    }

    /// The 1-based record number of the header (0: none).
    public var headerRecordNumber: Int {
        switch format {
        case .delimited(let d): return d.headerRow == 0 ? 0 : d.skipRows + d.headerRow
        case .xlsx(let x): return x.headerRow
        case .fixedWidth, .camt: return 0
        }
    }
}

import Foundation
import DealersModel
import DealersReading
import DealersSupport

/// All layouts of a workspace, and the choice of one for a file (§5 step 2): by file-name
/// pattern first, then by header signature.
public struct LayoutCatalog: Sendable {
    /// The layouts, sorted by name.
    public let layouts: [Layout]

    /// Loads every `*.json` in a folder; the first broken layout stops with its error.
    public init(folder: URL) throws {
        let names: [String]
        do {
            // A missing folder lists nothing in `names(in:)`; here it is the error it always was.
            guard try FileSystem.exists(folder.path, followingLinks: true) else {
                throw DealersError(.noInput, path: folder.path, "the folder does not exist")
            }
            names = try FileSystem.names(in: folder.path)
        } catch let error as DealersError {
            throw DealersError(.noInput, path: folder.path, "cannot list the layouts folder: \(error.message)")
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

    /// Identifies the layout of a file and how to read it (§5 step 2), from one read of its first
    /// bytes: layouts whose name pattern matches the file name are candidates (when several, the
    /// header decides); without a name match, the header signature alone decides. The header is
    /// searched for in the first rows (unless the layout pins it), with the layout's delimiter,
    /// an Excel `sep=X` line's, or another common one when the layout's finds none; the
    /// encoding comes from a byte-order mark, UTF-16's NUL bytes, or the layout.
    /// - Parameter chosen: a layout to apply instead of choosing one (`dealers validate --layout`).
    public func identify(_ file: URL, as chosen: Layout? = nil) -> Match {
        let sample = FileSample(file)
        let byName = candidates(byName: file.lastPathComponent)
        if sample.prefix.isZip || sample.prefix.bytes.starts(with: CompoundFile.signature) {
            // A ZIP or OLE2 file that is no workbook the readers take (an .xls, an .xlsb, a
            // password-protected or damaged workbook), whatever its name.
            if let refusal = sample.workbookKind.refusal {
                var match = Match(layout: chosen ?? byName.first, reason: "not a readable workbook")
                match.refusal = refusal
                return match
            }
        } else {
            // Text in the encoding the file announces, else the one its likely layout declares.
            let likely = chosen ?? byName.first
            let declared: TextEncoding = { if case .delimited(let d)? = likely?.format { return d.encoding } else { return .auto } }()
            let (encoding, mark) = sample.prefix.encoding(declared: declared)
            if let notText = sample.prefix.notText(in: encoding, byteOrderMark: mark) {
                var match = Match(layout: likely, reason: "not a text file")
                match.refusal = notText
                return match
            }
        }
        if let chosen { return decided(chosen, reason: "chosen", sample: sample) }
        if byName.count == 1, let only = byName.first {
            return decided(only, reason: "file name matches \(only.match.fileNamePattern ?? "")", sample: sample)
        }
        let signed = (byName.isEmpty ? layouts : byName).filter { !$0.match.headerSignature.isEmpty }
        for layout in signed {
            guard let header = sample.resolve(layout).search?.header else { continue }
            let keys = Set(header.cells.map(TextNormalization.key))
            if layout.match.headerSignature.allSatisfy({ layout.spellings(of: $0).contains(where: keys.contains) }) {
                return decided(layout, reason: "header has \(layout.match.headerSignature.joined(separator: ", "))", sample: sample)
            }
        }
        if let first = byName.first {
            return decided(first, reason: "file name matches \(first.match.fileNamePattern ?? "") (first of \(byName.count))", sample: sample)
        }
        if let unreadable = sample.workbookError {
            var match = Match(layout: nil, reason: "the workbook cannot be read")
            match.refusal = LocalizedText(unreadable.message)
            return match
        }
        let names = layouts.map(\.name).joined(separator: ", ")
        var reason = "no file-name pattern matches \"\(file.lastPathComponent)\" and no header signature matched (candidates: \(names))"
        if let closest = searches(sample).filter({ $0.search.score > 0 }).max(by: { $0.search.score < $1.search.score }) {
            reason += "; the closest is \(closest.layout.name), whose columns are "
                + closest.layout.schema.fields.map(\.displayName).joined(separator: ", ")
        }
        return Match(layout: nil, reason: reason)
    }

    /// The layouts whose file-name pattern matches a name.
    private func candidates(byName name: String) -> [Layout] {
        layouts.filter { layout in
            guard let pattern = layout.match.fileNamePattern,
                  let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
            return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
    }

    /// The match of a layout decided for a file: resolved, with a hint when its header lacks
    /// required columns.
    private func decided(_ layout: Layout, reason: String, sample: FileSample) -> Match {
        let resolved = sample.resolve(layout)
        var match = resolved.match
        match.reason = reason
        if let search = resolved.search, let header = search.header {
            if header.line > 1 { match.reason += "; header on line \(header.line)" }
            if search.delimiterSource != .layout, let dialect = match.dialect {
                match.reason += "; delimiter \"\(dialect.delimiter)\" (\(search.delimiterSource == .sepLine ? "sep= line" : "detected"))"
            }
            if !search.missingRequired.isEmpty {
                match.headerHint = HeaderHint.make(layout: layout, search: search, others: searches(sample))
            }
        }
        if let encoding = match.encoding, encoding.isWide { match.reason += "; \(encoding.rawValue)" }
        return match
    }

    /// Every layout with a header, searched for in the file.
    private func searches(_ sample: FileSample) -> [(layout: Layout, search: HeaderSearch)] {
        layouts.compactMap { layout in sample.resolve(layout).search.map { (layout, $0) } }
    }
}

extension Layout {
    /// The normalised header spellings of a header-signature entry: when it names a field, every
    /// spelling of that field (name, title, aliases); otherwise the entry itself.
    package func spellings(of signatureEntry: String) -> [String] {
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

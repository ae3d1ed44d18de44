import Foundation
import DealersSupport
import DealersModel
import DealersReading

/// The first bytes (or rows) of one file, read once, and each layout's header search on them.
package final class FileSample {
    package let file: URL
    package let prefix: FilePrefix
    private var texts: [TextEncoding: [UInt8]] = [:]
    private var sheets: [String: [PrefixRecord]] = [:]
    private var searches: [String: HeaderSearch] = [:]
    /// Why the first sheet of a workbook could not be read, when it could not.
    package private(set) var workbookError: DealersError?
    /// What a ZIP package holds (found once, from its content).
    package private(set) lazy var workbookKind: OfficeFileKind = OfficeFileKind.sniff(file)

    package init(_ file: URL) {
        self.file = file
        prefix = FilePrefix(file)
    }

    /// The prefix as UTF-8 in an encoding (decoded once per encoding).
    package func text(_ encoding: TextEncoding, byteOrderMark: Bool) -> [UInt8] {
        if let known = texts[encoding] { return known }
        let text = prefix.utf8(in: encoding, byteOrderMark: byteOrderMark)
        texts[encoding] = text
        return text
    }

    /// The first rows of a workbook's sheet (read once per sheet; none when it cannot be read).
    package func rows(sheet: String?) -> [PrefixRecord] {
        if let known = sheets[sheet ?? ""] { return known }
        var rows: [PrefixRecord] = []
        do {
            try WorkbookReader(url: file, sheet: sheet).readFirst(HeaderSearch.rowLimit) { record in
                rows.append(PrefixRecord(line: record.line, cells: record.cells.map(\.text)))
            }
        } catch let error as DealersError where sheet == nil {
            workbookError = error
        } catch {}
        sheets[sheet ?? ""] = rows
        return rows
    }

    /// A layout applied to this file: its header search, and the match whose layout has its
    /// format resolved (delimiter, encoding, header line).
    package func resolve(_ layout: Layout) -> (search: HeaderSearch?, match: LayoutCatalog.Match) {
        var resolved = layout
        var match = LayoutCatalog.Match(layout: nil, reason: "")
        var search: HeaderSearch?
        let matcher = HeaderMatcher(layout)
        switch layout.format {
        case .delimited where prefix.isZip:
            // A workbook dropped for a delimited layout is read as one with the same fields.
            resolved = layout.asWorkbook()
            if case .xlsx(var format) = resolved.format {
                format.workbook = workbookKind
                resolved.format = .xlsx(format)
                search = searchSheet(matcher, format)
            }
        case .xlsx(var format):
            format.workbook = workbookKind
            resolved.format = .xlsx(format)
            search = searchSheet(matcher, format)
        case .delimited(var d):
            let (encoding, mark) = prefix.encoding(declared: d.encoding)
            let text = self.text(encoding, byteOrderMark: mark)
            let sep = FilePrefix.sepLine(text)
            let body = text[(sep?.length ?? 0)...]
            let firstLine = sep == nil ? 1 : 2
            let found = searches[layout.name] ?? HeaderSearch(
                matcher, rows: { delimiter in
                    PrefixRecords.split(body, delimiter: delimiter ?? d.delimiter, quote: d.quote, firstLine: firstLine,
                                        isWhole: self.prefix.isWhole, limit: HeaderSearch.rowLimit)
                }, layoutDelimiter: d.delimiter, sep: sep?.delimiter, mayDetect: d.detectDelimiter,
                pinned: d.headerPinned ? d.skipRows + d.headerRow : nil)
            searches[layout.name] = found
            search = found
            d.delimiter = found.delimiter ?? d.delimiter
            d.encoding = encoding
            resolved.format = .delimited(d)
            resolved.otherNumberSpelling = found.delimiterSource != .layout
            match.encoding = encoding
            match.byteOrderMark = mark
            match.dialect = Receipt.Dialect(delimiter: String(UnicodeScalar(d.delimiter)), detected: found.delimiterSource != .layout,
                                            encoding: (encoding == .auto ? prefix.autoEncoding : encoding).rawValue,
                                            byteOrderMark: mark ? true : nil, sepLine: sep == nil ? nil : true)
            if let sep {
                let line = Array(text[..<sep.length])
                match.sepLine = encoding.isWide ? encoding.encode(String(decoding: line, as: UTF8.self)) : line
            }
        case .fixedWidth, .camt:
            break
        }
        if let search, let header = search.header {
            resolved.headerLine = header.line
            var rows = search.preamble.map(\.text).filter { !$0.isEmpty }
            if match.sepLine != nil { rows.insert("sep=\(match.dialect?.delimiter ?? "")", at: 0) }
            if header.line > 1 { match.preamble = Receipt.Preamble(headerLine: header.line, rows: rows) }
        }
        match.layout = resolved
        return (search, match)
    }

    private func searchSheet(_ matcher: HeaderMatcher, _ format: XLSXFormat) -> HeaderSearch {
        let rows = self.rows(sheet: format.sheet)
        let pinnedIndex = format.headerPinned ? rows.firstIndex { $0.line >= format.headerRow }.map { $0 + 1 } ?? 0 : nil
        return HeaderSearch(matcher, rows: { _ in rows }, layoutDelimiter: nil, sep: nil, mayDetect: false,
                            pinned: pinnedIndex)
    }
}

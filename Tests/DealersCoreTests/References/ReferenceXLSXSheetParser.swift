// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DealersCore
/// Streams a worksheet part and pushes one ``SourceRecord`` per row that holds a value.
///
/// Cells are placed by their reference (`r="C5"` is the third cell; gaps are `.empty`), cells
/// without a reference follow the previous one, and trailing empty cells are dropped. A row
/// whose cells are all empty (only formatting) is not reported, like a row that is absent.
package final class ReferenceSheetParser: ReferenceXLSXPartParser {
    private let sharedStrings: [String]
    private let styles: ReferenceDateStyles
    private let date1904: Bool
    private let maxColumns: Int
    private let handler: (SourceRecord) throws -> Void

    private var rowNumber = 0
    private var cells: [Cell] = []
    private var inSheetData = false

    // The cell being read.
    private var column = 0               // 1-based
    private var reference = ""
    private var type = "n"
    private var style = 0
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var phoneticDepth = 0

    package init(path: String, part: String, sharedStrings: [String], styles: ReferenceDateStyles, date1904: Bool,
         maxColumns: Int, handler: @escaping (SourceRecord) throws -> Void) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        self.maxColumns = maxColumns
        self.handler = handler
        super.init(path: path, part: part)
    }

    package override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch ReferenceXLSXPartParser.local(elementName) {
        case "sheetData":
            inSheetData = true
        case "row" where inSheetData:
            if let r = ReferenceXLSXPartParser.attribute("r", in: attributes) {
                guard let number = Int(r), number >= 1 else { return fail("has a row numbered \"\(r)\"") }
                rowNumber = number
            } else {
                rowNumber += 1
            }
            cells.removeAll(keepingCapacity: true)
        case "c" where inSheetData:
            startCell(attributes)
        case "v":
            inValue = true
        case "is":
            inInline = true
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inInline && phoneticDepth == 0
        default:
            break
        }
    }

    private func startCell(_ attributes: [String: String]) {
        reference = ReferenceXLSXPartParser.attribute("r", in: attributes) ?? ""
        if reference.isEmpty {
            column = cells.count + 1
        } else if let referenced = ReferenceXLSXValues.column(ofReference: reference, maxColumns: maxColumns) {
            column = referenced
        } else {
            return fail("has a cell with the reference \"\(reference)\", expected a column and a row like C5")
        }
        if column > maxColumns {
            return fail("has the cell \(reference) beyond column \(maxColumns), the limit")
        }
        type = ReferenceXLSXPartParser.attribute("t", in: attributes) ?? "n"
        style = ReferenceXLSXPartParser.attribute("s", in: attributes).flatMap { Int($0) } ?? 0
        value = ""
        inlineText = ""
    }

    package override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        switch ReferenceXLSXPartParser.local(elementName) {
        case "sheetData":
            inSheetData = false
        case "v":
            inValue = false
        case "is":
            inInline = false
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "t":
            inText = false
        case "c" where inSheetData && failure == nil:
            guard let cell = makeCell() else { return }
            if cells.count < column { cells.append(contentsOf: repeatElement(.empty, count: column - cells.count)) }
            cells[column - 1] = cell
        case "row" where inSheetData && failure == nil:
            while cells.last == .empty { cells.removeLast() }
            guard !cells.isEmpty else { return }
            do {
                let control = cells.firstIndex { cell in
                    if case .text(let text) = cell { return ControlCharacters.contains(text) } else { return false }
                }
                try handler(SourceRecord(line: rowNumber, cells: cells, problem: control.map { .invalidCharacter(column: $0 + 1) }))
            } catch {
                fail(error)
            }
        default:
            break
        }
    }

    package override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue {
            value += string
        } else if inText {
            inlineText += string
        }
    }

    /// The typed cell for the value just read; `nil` after a failure.
    private func makeCell() -> Cell? {
        let place = reference.isEmpty ? "in row \(rowNumber)" : reference
        switch type {
        case "s":
            guard !value.isEmpty else { return .empty }
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)),
                  index >= 0, index < sharedStrings.count else {
                fail("has the cell \(place) referring to shared string \"\(value)\", "
                     + "but the workbook has \(sharedStrings.count) shared strings")
                return nil
            }
            return text(sharedStrings[index])
        case "inlineStr":
            return text(inlineText.isEmpty ? value : inlineText)
        case "str", "e":
            return text(value)
        case "b":
            switch value.trimmingCharacters(in: .whitespaces).lowercased() {
            case "": return .empty
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            default:
                fail("has the boolean cell \(place) holding \"\(value)\", expected 0 or 1")
                return nil
            }
        case "d":
            guard !value.isEmpty else { return .empty }
            return ReferenceXLSXValues.isoDate(value).map(Cell.date) ?? .text(value)
        default:
            guard !value.isEmpty else { return .empty }
            guard let number = ReferenceXLSXValues.canonicalNumber(value) else {
                fail("has the number cell \(place) holding \"\(value)\", expected a number")
                return nil
            }
            if styles.isDate(style: style), let serial = Double(number),
               let date = ReferenceXLSXValues.date(serial: serial, date1904: date1904) {
                return .date(date)
            }
            return .number(number)
        }
    }

    private func text(_ s: String) -> Cell {
        s.isEmpty ? .empty : .text(TextNormalization.nfc(s))
    }
}

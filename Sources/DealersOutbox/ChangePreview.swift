import Foundation
import DealersModel
import DealersSupport

/// The preview of what a roster file changes (docs/layouts.md, "Roster files"):
/// `<name>.changes.csv` and `<name>.changes.xlsx` beside the file's error files (``OutputNames``:
/// `validate/` for `dealers validate`, `errors/<date>/` for a held file), one row per computed
/// change — action, document, name, field, before, after. The rows stream to staged files that
/// ``finish()`` publishes; a preview never finished leaves nothing behind.
package final class ChangePreview {
    private let folder: URL
    private let relativeFolder: String
    private let fileName: String
    private let inputName: String
    private let language: Language
    private let dialect: CSVDialect
    private var csv: CSVWriter?
    private var workbook: (writer: XLSXWriter, sheet: XLSXSheet)?
    /// Rows written.
    package private(set) var count = 0

    /// A preview in `outbox/<names.errorsFolder>/`, named after `names.fileName`.
    package init(outbox: URL, names: OutputNames, inputName: String, language: Language, dialect: CSVDialect) {
        folder = outbox.appendingPathComponent(names.errorsFolder)
        relativeFolder = names.errorsFolder
        fileName = names.fileName
        self.inputName = inputName
        self.language = language
        self.dialect = dialect
    }

    /// The column headers, in the workspace's language.
    package var headers: [String] {
        language == .es ? ["Acción", "Documento", "Nombre", "Campo", "Antes", "Después"]
            : ["Action", "Document", "Name", "Field", "Before", "After"]
    }

    private var csvURL: URL { folder.appendingPathComponent("\(fileName).changes.csv") }
    private var xlsxURL: URL { folder.appendingPathComponent("\(fileName).changes.xlsx") }

    /// Appends one change, its cells in the workspace's language already: action, document,
    /// name, field, value before, value after.
    package func append(_ cells: [String]) throws {
        try open()
        try csv?.appendRaw(cells)
        try workbook?.sheet.append(cells.map(OutputValue.text))
        count += 1
    }

    /// Publishes both files (with their header only when nothing changes) and returns their
    /// paths relative to the outbox.
    package func finish() throws -> [String] {
        try open()
        try csv?.close()
        try workbook?.writer.close()
        csv = nil
        workbook = nil
        return ["\(relativeFolder)/\(csvURL.lastPathComponent)", "\(relativeFolder)/\(xlsxURL.lastPathComponent)"]
    }

    private func open() throws {
        guard csv == nil else { return }
        try AtomicFile.createDirectory(folder)
        let w = try CSVWriter(url: csvURL, dialect: dialect)
        try w.appendRaw(headers)
        csv = w
        let x = try XLSXWriter(url: xlsxURL, constantMemory: true)
        let title = language == .es ? "Cambios calculados de \(inputName)" : "Changes computed from \(inputName)"
        let widths: [Double] = [22, 14, 30, 20, 24, 24]
        let columns = zip(headers, widths).map { OutputColumn(header: $0, width: $1) }
        workbook = (x, try x.addSheet(name: language == .es ? "Cambios" : "Changes", title: title, columns: columns))
    }
}

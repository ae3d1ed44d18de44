import Foundation
import DealersModel

/// What an office file is, by its content and never by its name: the two workbooks the readers
/// take (XLSX, ODS) and the files people save instead of them, each with what to save it as.
///
/// An OLE2 compound file (`D0 CF 11 E0`) is told apart by the streams in its directory: an
/// encrypted OOXML workbook (Excel's "Encrypt with Password") holds `EncryptionInfo` and
/// `EncryptedPackage`; an Excel 97-2003 workbook holds `Workbook` (BIFF8) or `Book` (BIFF5).
/// A ZIP package by its parts: `mimetype` for OpenDocument, `xl/workbook.bin` for `.xlsb`.
public enum OfficeFileKind: Equatable, Sendable {
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    case xlsx
    /// An OpenDocument spreadsheet (`.ods`).
    case ods
    /// An Excel binary workbook (`.xlsb`).
    case xlsb
    /// A workbook encrypted with a password (an OLE2 file holding `EncryptionInfo`).
    case encrypted
    /// An Excel 97-2003 workbook (BIFF in an OLE2 file).
    case xls
    /// Another OLE2 compound document (a `.doc`, a `.ppt` …), or one whose directory cannot be read.
    case otherCompoundDocument
    /// Another OpenDocument file (text, presentation …), with its media type.
    case otherOpenDocument(String)
    /// A ZIP archive that is no workbook.
    case otherZip
    /// A file that starts like a ZIP archive but whose directory cannot be read.
    case damagedZip
    /// Anything else.
    case other

    /// The OpenDocument spreadsheet media types (a document and a template).
    static let odsMediaTypes = ["application/vnd.oasis.opendocument.spreadsheet",
                                "application/vnd.oasis.opendocument.spreadsheet-template"]

    /// What a file is, from its first bytes and, for a ZIP or OLE2 file, its directory
    /// (`openZip: false` takes a ZIP signature for a damaged ZIP: the archive did not open).
    public static func sniff(_ url: URL, openZip: Bool = true) -> OfficeFileKind {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return .other }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: CompoundFile.signature) {
            return CompoundFile.kind(handle)
        }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) else { return .other }
        guard openZip, let package = try? WorkbookPackage(url: url, limits: XLSXLimits()) else { return .damagedZip }
        return kind(of: package)
    }

    /// What an opened ZIP package holds.
    static func kind(of package: WorkbookPackage) -> OfficeFileKind {
        if let mimetype = package.smallPart("mimetype", maxBytes: 256) {
            let type = String(decoding: mimetype, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if odsMediaTypes.contains(type) { return .ods }
            if type.hasPrefix("application/vnd.oasis.opendocument.") { return .otherOpenDocument(type) }
        }
        if package.contains("xl/workbook.bin") { return .xlsb }
        if package.contains("[Content_Types].xml") || package.contains("_rels/.rels") || package.contains("xl/workbook.xml") { return .xlsx }
        return .otherZip
    }

    /// Why the file is no workbook the readers take, and what to save it as; `nil` for XLSX and ODS.
    public var refusal: LocalizedText? {
        let saveAs = (es: "ábralo y guárdelo como libro de Excel (.xlsx)", en: "open it and save it as an Excel workbook (.xlsx)")
        switch self {
        case .xlsx, .ods:
            return nil
        case .encrypted:
            return LocalizedText(
                es: "es un libro protegido con contraseña (cifrado), que no se puede leer sin ella: ábralo, quite la contraseña y guárdelo como .xlsx",
                en: "the file is a password-protected (encrypted) workbook, which cannot be read without its password: open it, remove the password and save it as .xlsx")
        case .xls:
            return LocalizedText(es: "es un libro de Excel 97-2003 (.xls, BIFF): \(saveAs.es)",
                                 en: "the file is an Excel 97-2003 workbook (.xls, BIFF): \(saveAs.en)")
        case .xlsb:
            return LocalizedText(es: "es un libro binario de Excel (.xlsb): \(saveAs.es)",
                                 en: "the file is an Excel binary workbook (.xlsb): \(saveAs.en)")
        case .otherCompoundDocument:
            return LocalizedText(
                es: "es un documento compuesto OLE (un libro protegido con contraseña, un .xls de Excel 97-2003 u otro documento antiguo de Office), no un archivo ZIP: guárdelo como .xlsx sin protección",
                en: "the file is an OLE compound document (a password-protected workbook, an Excel 97-2003 .xls or another legacy Office file), not a ZIP archive: save it as an unprotected .xlsx")
        case .otherOpenDocument(let type):
            return LocalizedText(es: "es un documento OpenDocument (\(type)), no una hoja de cálculo: guárdelo como .ods, .xlsx o CSV",
                                 en: "the file is an OpenDocument file (\(type)), not a spreadsheet: save it as .ods, .xlsx or CSV")
        case .otherZip:
            return LocalizedText(es: "es un archivo ZIP que no contiene un libro (ni XLSX ni ODS): guárdelo como .xlsx, .ods o CSV",
                                 en: "the file is a ZIP archive that holds no workbook (neither XLSX nor ODS): save it as .xlsx, .ods or CSV")
        case .damagedZip:
            return LocalizedText(
                es: "empieza como un libro (un paquete ZIP) pero está dañado o incompleto: vuelva a guardarlo como .xlsx y envíelo de nuevo",
                en: "the file starts like a workbook (a ZIP package) but is damaged or incomplete: save it again as .xlsx and drop it again")
        case .other:
            return LocalizedText(es: "no es un archivo ZIP: guárdelo como .xlsx, .ods o CSV",
                                 en: "the file is not a ZIP archive: save it as .xlsx, .ods or CSV")
        }
    }

    /// The reader's message for a file that cannot be opened as a ZIP package.
    var notAWorkbook: String {
        switch self {
        case .encrypted, .xls, .otherCompoundDocument, .damagedZip:
            return "not a readable workbook: " + (refusal?.en ?? "")
        default:
            return "not an XLSX workbook: the file is not a ZIP archive"
        }
    }
}

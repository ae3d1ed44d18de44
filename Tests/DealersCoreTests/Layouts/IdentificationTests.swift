import Foundation
import Testing
@testable import DealersCore

@Suite("Identification: layout, encoding, delimiter and header line from the first bytes")
struct IdentificationTests {
    let catalog: LayoutCatalog

    init() throws {
        catalog = try LayoutCatalog(folder: LayoutLoaderTests.layoutsFolder)
    }

    func identify(_ name: String, _ bytes: [UInt8]) throws -> LayoutCatalog.Match {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-id-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return catalog.identify(url)
    }

    @Test("UTF-16LE without a byte-order mark, tab-separated, header below a title: all decided at once")
    func utf16WithoutMark() throws {
        let text = "Altas de noviembre\r\n\r\nAcción\tNº Documento\tNombre\r\nALTA\t12345678Z\tJosé\r\n"
        let match = try identify("datos.txt", TextEncoding.utf16le.encode(text))
        #expect(match.layout?.name == "users")
        #expect(match.encoding == .utf16le && !match.byteOrderMark)
        #expect(match.dialect == Receipt.Dialect(delimiter: "\t", detected: true, encoding: "utf-16le"))
        #expect(match.layout?.headerLine == 3)
        #expect(match.preamble == Receipt.Preamble(headerLine: 3, rows: ["Altas de noviembre"]))
        if case .delimited(let d)? = match.layout?.format {
            #expect(d.delimiter == 0x09 && d.encoding == .utf16le)
        } else {
            Issue.record("the users layout is delimited")
        }
    }

    @Test("a layout's own delimiter is kept when it finds the header, even if another would split it too")
    func ownDelimiterFirst() throws {
        let match = try identify("usuarios.csv", Array("Acción;Nº Documento;Nombre, apellidos\r\nALTA;12345678Z;x\r\n".utf8))
        #expect(match.dialect?.delimiter == ";" && match.dialect?.detected == false)
        #expect(match.layout?.headerLine == 1 && match.preamble == nil)
        #expect(match.headerHint == nil)
    }

    @Test("a header naming few fields wins over data rows below it whose values are aliases (DNI, BAJA, TITULAR)")
    func headerBeforeAliasLikeData() throws {
        let text = "Operación;Documento;Clase;Vínculo\r\nBAJA;12345678Z;DNI;TITULAR\r\nBAJA;23456789D;DNI;TITULAR\r\n"
        let match = try identify("usuarios.csv", Array(text.utf8))
        #expect(match.layout?.headerLine == 1 && match.preamble == nil)
    }

    @Test("a file no layout claims names the closest layout and its columns")
    func unknownNamesTheClosest() throws {
        let match = try identify("export.csv", Array("Id pago;Foo;Bar\r\nP1;x;y\r\n".utf8))
        #expect(match.layout == nil)
        #expect(match.reason.contains("the closest is payments, whose columns are Id pago, Fecha"))
    }

    @Test("a binary file is refused before any layout reads it, naming what it looks like")
    func binary() throws {
        let match = try identify("usuarios.csv", [0xD0, 0xCF, 0x11, 0xE0] + [UInt8](repeating: 0, count: 600))
        #expect(match.refusal?.en.hasPrefix("not a text file: it looks like an Excel 97-2003 workbook (.xls)") == true)
    }
}

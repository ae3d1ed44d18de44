import Foundation
import ZIPFoundation
@testable import DealersCore

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dealers-writers-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Every entry of the folder, hidden ones included.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Reads the parts of a produced .xlsx back as text.
struct XLSXPeek {
    let archive: Archive

    init(_ url: URL) throws {
        archive = try Archive(url: url, accessMode: .read)
    }

    var paths: [String] { archive.map(\.path).sorted() }

    func part(_ path: String) throws -> String? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The `<c>` element of a cell (`"B4"`) in a worksheet's XML, or `nil`.
    static func cell(_ xml: String, _ ref: String) -> String? {
        guard let start = xml.range(of: "<c r=\"\(ref)\"") else { return nil }
        let rest = xml[start.lowerBound...]
        guard let close = rest.firstIndex(of: ">") else { return nil }
        if rest[rest.index(before: close)] == "/" { return String(rest[...close]) }
        guard let end = rest.range(of: "</c>") else { return nil }
        return String(rest[..<end.upperBound])
    }

    /// The value of an attribute in an element's text.
    static func attribute(_ name: String, in element: String) -> String? {
        guard let start = element.range(of: " \(name)=\"") else { return nil }
        let rest = element[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The number format code of a cell style index (`s` attribute), from styles.xml.
    static func numberFormat(styles: String, styleIndex: Int) -> String? {
        guard let xfsStart = styles.range(of: "<cellXfs"),
              let xfsEnd = styles.range(of: "</cellXfs>", range: xfsStart.upperBound..<styles.endIndex) else { return nil }
        let xfs = styles[xfsStart.upperBound..<xfsEnd.lowerBound].components(separatedBy: "<xf ").dropFirst()
        guard styleIndex < xfs.count else { return nil }
        let xf = " " + Array(xfs)[styleIndex]
        guard let id = attribute("numFmtId", in: xf) else { return nil }
        guard let fmt = styles.range(of: "<numFmt numFmtId=\"\(id)\"") else {
            return id == "0" ? "General" : "builtin \(id)"
        }
        let element = styles[fmt.lowerBound...].prefix { $0 != ">" }
        return attribute("formatCode", in: String(element))
    }

    /// The sheet names listed in workbook.xml, in order.
    func sheetNames() throws -> [String] {
        let workbook = try part("xl/workbook.xml") ?? ""
        return workbook.components(separatedBy: "<sheet ").dropFirst().compactMap {
            XLSXPeek.attribute("name", in: " " + $0)
        }
    }
}

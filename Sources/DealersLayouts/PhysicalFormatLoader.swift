import Foundation
import DealersModel
import DealersReading

/// Reads the `format` part of a layout: delimited, xlsx (any workbook: XLSX or ODS) or fixed-width.
package enum PhysicalFormatLoader {
    package static func format(_ cursor: JSONCursor, fieldNames: Set<String>) throws -> PhysicalFormat {
        let keys = try cursor.object()
        guard let typeCursor = keys["type"] else { throw cursor.fail("missing key \"type\" (delimited, xlsx, fixed-width)") }
        switch try typeCursor.string() {
        case "delimited":
            let f = try cursor.object(allowed: ["type", "delimiter", "quote", "encoding", "headerRow", "skipRows", "detectDelimiter",
                                                "headerSearch"])
            let headerRow = try f["headerRow"]?.int() ?? 1
            let skipRows = try f["skipRows"]?.int() ?? 0
            if headerRow < 0, let c = f["headerRow"] { throw c.fail("must be 0 (no header) or a 1-based row") }
            if skipRows < 0, let c = f["skipRows"] { throw c.fail("must not be negative") }
            return .delimited(DelimitedFormat(
                delimiter: try f["delimiter"]?.asciiByte() ?? UInt8(ascii: ","),
                quote: try f["quote"]?.asciiByte() ?? UInt8(ascii: "\""),
                encoding: try f["encoding"]?.enumValue(TextEncoding.self) ?? .auto,
                headerRow: headerRow,
                skipRows: skipRows,
                headerPinned: try !(f["headerSearch"]?.bool() ?? true) || headerRow != 1 || skipRows != 0,
                detectDelimiter: try f["detectDelimiter"]?.bool() ?? true
            ))
        case "xlsx":
            let f = try cursor.object(allowed: ["type", "sheet", "headerRow", "headerSearch", "maxColumns", "maxRows"])
            let headerRow = try f["headerRow"]?.int() ?? 1
            if headerRow < 1, let c = f["headerRow"] { throw c.fail("must be a 1-based row") }
            let maxColumns = try f["maxColumns"]?.int(), maxRows = try f["maxRows"]?.int()
            if let maxColumns, !(1...16384).contains(maxColumns), let c = f["maxColumns"] { throw c.fail("must be from 1 to 16384") }
            if let maxRows, !(1...1_048_576).contains(maxRows), let c = f["maxRows"] { throw c.fail("must be from 1 to 1048576") }
            return .xlsx(XLSXFormat(sheet: try f["sheet"]?.string(), headerRow: headerRow,
                                    headerPinned: try !(f["headerSearch"]?.bool() ?? true) || headerRow != 1,
                                    maxColumns: maxColumns, maxRows: maxRows))
        case "fixed-width":
            return .fixedWidth(try fixedWidth(cursor, fieldNames: fieldNames))
        case "camt":
            _ = try cursor.object(allowed: ["type"])
            return .camt
        case let other:
            throw typeCursor.fail("unknown format \"\(other)\"; expected delimited, xlsx, fixed-width or camt")
        }
    }

    package static func fixedWidth(_ cursor: JSONCursor, fieldNames: Set<String>) throws -> FixedWidthFormat {
        let f = try cursor.object(allowed: ["type", "encoding", "recordTypeStart", "recordTypeLength", "recordLength", "records"])
        let recordTypeLength = try f["recordTypeLength"]?.int() ?? 0
        let recordTypeStart = try f["recordTypeStart"]?.int() ?? 1
        let recordLength = try f["recordLength"]?.int()
        guard let recordsCursor = f["records"] else { throw cursor.fail("missing key \"records\"") }
        var records: [String: [FixedWidthFieldPosition]] = [:]
        for (code, fieldsCursor) in try recordsCursor.object() {
            if recordTypeLength > 0, code.count != recordTypeLength {
                throw fieldsCursor.fail("record type \"\(code)\" should have \(recordTypeLength) characters")
            }
            records[code] = try fieldsCursor.array().map { item in
                let p = try item.object(allowed: ["name", "start", "length"])
                guard let n = p["name"], let s = p["start"], let l = p["length"] else {
                    throw item.fail("a fixed-width field needs name, start (1-based) and length")
                }
                let position = FixedWidthFieldPosition(name: try n.string(), start: try s.int(), length: try l.int())
                guard position.start >= 1 else { throw s.fail("positions are 1-based; found \(position.start)") }
                guard position.length >= 1 else { throw l.fail("length must be at least 1") }
                if let recordLength, position.start + position.length - 1 > recordLength {
                    throw item.fail("field ends at \(position.start + position.length - 1), past the record length \(recordLength)")
                }
                guard fieldNames.contains(position.name) else {
                    throw n.fail("\"\(position.name)\" is not a field of the schema")
                }
                return position
            }
        }
        let encoding = try f["encoding"]?.enumValue(TextEncoding.self) ?? .auto
        if encoding.isWide, let c = f["encoding"] {
            throw c.fail("\(encoding.rawValue) is read for delimited files only; fixed-width records are single-byte or UTF-8")
        }
        return FixedWidthFormat(
            encoding: encoding,
            recordTypeStart: recordTypeStart,
            recordTypeLength: recordTypeLength,
            recordLength: recordLength,
            records: records
        )
    }
}

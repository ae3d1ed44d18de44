import DealersModel

/// The first records of delimited UTF-8 text, split the way ``DelimitedReader`` splits them
/// (quoted fields with delimiters, doubled quotes and line breaks; CR, LF or CRLF ending a
/// record; blank lines skipped; lines counted by LF) — for identification, which tries several
/// delimiters on the first rows of a file before any reader is chosen.
package struct PrefixRecord: Sendable, Equatable {
    /// The line a person sees where the record starts.
    package var line: Int
    /// The cells, decoded and in Normalization Form C.
    package var cells: [String]

    /// The non-empty cells joined by a space (how a preamble row is reported).
    package var text: String {
        cells.map(TextNormalization.trim).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        line: Int,
        cells: [String]
    ) {
        self.line = line
        self.cells = cells
    }
}

package enum PrefixRecords {
    /// Splits `text` (UTF-8) into at most `limit` records; the first line of `text` is
    /// `firstLine`. A record cut by the end of the text is left out unless `isWhole`.
    package static func split(_ text: ArraySlice<UInt8>, delimiter: UInt8, quote: UInt8, firstLine: Int,
                      isWhole: Bool, limit: Int) -> [PrefixRecord] {
        var records: [PrefixRecord] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = firstLine
        var recordLine = firstLine
        var inRecord = false
        var quoted = false      // inside a quoted part of a cell
        var index = text.startIndex

        func endCell() {
            cells.append(TextNormalization.nfc(String(decoding: cell, as: UTF8.self)))
            cell.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endCell()
            records.append(PrefixRecord(line: recordLine, cells: cells))
            cells.removeAll()
            inRecord = false
        }

        while index < text.endIndex, records.count < limit {
            let byte = text[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < text.endIndex, text[index] == quote { cell.append(quote); index += 1 } else { quoted = false }
                } else {
                    if byte == 0x0A { line += 1 }
                    cell.append(byte)
                }
                continue
            }
            switch byte {
            case 0x0A, 0x0D:
                if inRecord { endRecord() }
                if byte == 0x0A { line += 1 }
                recordLine = line
            case delimiter:
                if !inRecord { inRecord = true; recordLine = line }
                endCell()
            case quote where cell.isEmpty:
                if !inRecord { inRecord = true; recordLine = line }
                quoted = true
            default:
                if !inRecord { inRecord = true; recordLine = line }
                cell.append(byte)
            }
        }
        if isWhole, inRecord, records.count < limit, !quoted { endRecord() }
        return records
    }
}

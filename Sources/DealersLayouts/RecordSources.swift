import Foundation
import DealersReading

/// Builds the reader a layout's physical format calls for.
public enum RecordSources {
    /// The record source for a file read with a layout.
    public static func make(_ file: URL, layout: Layout) -> RecordSource {
        make(file, layout: layout, arenas: nil)
    }

    /// The record source for a file read with a layout; a delimited file's records go to
    /// `arenas` (handed over in batches: ``RecordArena``), the other readers' own their bytes.
    package static func make(_ file: URL, layout: Layout, arenas: RecordArenas?) -> RecordSource {
        switch layout.format {
        case .delimited(let format):
            var reader = DelimitedReader(url: file, format: format)
            reader.arenas = arenas
            return reader
        case .xlsx(let format):
            return WorkbookReader(url: file, sheet: format.sheet, limits: format.limits)
        case .fixedWidth(let format):
            return FixedWidthReader(url: file, spec: FixedWidthSpec(
                encoding: format.encoding, recordTypeStart: format.recordTypeStart,
                recordTypeLength: format.recordTypeLength,
                records: format.records.mapValues { $0.map { FixedWidthField(name: $0.name, start: $0.start, length: $0.length) } },
                recordLength: format.recordLength))
        case .camt:
            return CamtReader(url: file)
        }
    }
}

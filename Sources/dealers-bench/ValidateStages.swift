import CCSV
import DealersCore
import Foundation

/// Stage `csv-floor`: a raw libcsv parse of the users file with callbacks that do nothing,
/// fed in the same 64 KiB chunks as ``DelimitedReader`` — the speed no validator can beat.
enum CSVFloorStage {
    static func run(file: URL, rows: Int) throws -> StageResult {
        let (records, seconds) = try Measure.time { try parse(file) }
        guard records == rows + 1 else { throw BenchError("libcsv counted \(records) records, expected \(rows + 1)") }
        return StageResult(stage: Stage.csvFloor.rawValue, rows: rows, seconds: seconds, peakMiB: Measure.peakResidentMiB(),
                           note: "raw csv_parse, no-op callbacks")
    }

    /// Parses the file and returns the number of records libcsv ended.
    static func parse(_ file: URL) throws -> Int {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchError("cannot open \(file.path)") }
        defer { close(fd) }
        var parser = csv_parser()
        guard csv_init(&parser, 0) == 0 else { throw BenchError("csv_init failed") }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, UInt8(ascii: ";"))
        csv_set_quote(&parser, UInt8(ascii: "\""))
        var records = 0
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        try withUnsafeMutablePointer(to: &records) { counter in
            while true {
                let n = read(fd, buffer, 64 << 10)
                if n < 0 { throw BenchError("read failed on \(file.path)") }
                if n == 0 { break }
                guard csv_parse(&parser, buffer, n, floorField, floorRow, counter) == n else {
                    throw BenchError("libcsv: \(String(cString: csv_strerror(csv_error(&parser))))")
                }
            }
            csv_fini(&parser, floorField, floorRow, counter)
        }
        return records
    }
}

/// Does nothing with a field.
private let floorField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { _, _, _ in }

/// Counts a record.
private let floorRow: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
    context?.assumingMemoryBound(to: Int.self).pointee += 1
}

/// Stages `validate` and `validate-4x`: the shipped users layout over the users file through the
/// public API (`LayoutLoader`, `DelimitedReader`, `RowValidator`), every row validated, nothing applied.
enum ValidateStage {
    static func run(stage: Stage, file: URL, rows: Int, layouts: URL) throws -> StageResult {
        let layout = try LayoutLoader.load(layouts.appendingPathComponent("users.json"))
        guard case .delimited(let format) = layout.format else { throw BenchError("users.json is not delimited") }
        let ((valid, invalid), seconds) = try Measure.time { () throws -> (Int, Int) in
            let validator = RowValidator(layout: layout, defaultCountry: "ES")
            var header = true
            var valid = 0, invalid = 0
            try DelimitedReader(url: file, format: format).read { record in
                if header {
                    header = false
                    let problems = validator.bindHeader(record)
                    guard problems.isEmpty else { throw BenchError("header refused: \(problems)") }
                    return
                }
                if validator.validate(record).row == nil { invalid += 1 } else { valid += 1 }
            }
            return (valid, invalid)
        }
        guard valid + invalid == rows else { throw BenchError("validated \(valid + invalid) rows, expected \(rows)") }
        return StageResult(stage: stage.rawValue, rows: rows, seconds: seconds, peakMiB: Measure.peakResidentMiB(),
                           note: "\(valid) valid, \(invalid) with errors")
    }
}

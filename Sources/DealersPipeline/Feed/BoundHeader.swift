import DealersModel
import DealersOutbox
import DealersReading

/// What a file's header item said, once the appliers have taken it: the header record (copied
/// to the top of the rejected-rows files), where each field is, and whether reading stopped there.
package struct BoundHeader {
    /// Whether the header item came (a file without one is empty).
    package private(set) var bound = false
    /// The header record, when the layout has one.
    package private(set) var record: SourceRecord?
    /// Where each field is.
    package private(set) var columns: FieldColumns?
    /// Whether a required column is missing (or an unknown one refused): no row is read.
    package private(set) var stop = false

    package init() {}

    /// Takes the header item: the record goes to the error files, and so do its problems.
    package mutating func take(_ record: SourceRecord?, problems: [RowError], columns: FieldColumns, stop: Bool,
                               outputs: ErrorOutputs) throws {
        bound = true
        self.columns = columns
        if let record {
            self.record = record
            outputs.setHeader(record)
        }
        for problem in problems { try outputs.fileError(problem) }
        self.stop = stop
    }
}

import Foundation
import DealersModel
import DealersReading

extension LayoutCatalog {
    /// What identification decided about one file, from one read of its first bytes (and, for a
    /// workbook, of its first rows): the layout, resolved for this file — its delimiter,
    /// encoding and header line — and what the receipt and the error files need to know.
    /// Decided once and handed on: the reader, the error files and the receipt use this value
    /// and never look at the file's start again.
    public struct Match: Sendable {
        /// The chosen layout as it applies to this file (format resolved, ``Layout/headerLine``
        /// set), if any.
        public var layout: Layout?
        /// Why it was chosen, or why nothing was.
        public var reason: String
        /// The text encoding the file is read in (`nil` for a workbook).
        public var encoding: TextEncoding?
        /// Whether the file starts with a byte-order mark (kept in the rejected-rows file).
        public var byteOrderMark = false
        /// The delimiter used and where it came from (delimited files).
        public var dialect: Receipt.Dialect?
        /// The rows above the header, when there are any.
        public var preamble: Receipt.Preamble?
        /// The Excel `sep=X` line the file starts with, in the file's encoding, for the
        /// rejected-rows file.
        public var sepLine: [UInt8]?
        /// Why the file cannot be read at all (not a text file), decided before any row.
        public var refusal: LocalizedText?
        /// Why the header is not the layout's, with the likely cause and the closest layout,
        /// when required columns are missing from it.
        public var headerHint: LocalizedText?

        /// A match with a layout and a reason only (nothing read).
        public init(layout: Layout?, reason: String) {
            self.layout = layout
            self.reason = reason
        }
    }
}

/// Safety limits for reading a workbook (XLSX or ODS), so that a hostile or broken one (a "zip
/// bomb", a sheet with absurd column or row references) fails with a clear error instead of
/// filling the memory. A layout may lower the columns and rows (`"maxColumns"`, `"maxRows"`).
public struct XLSXLimits: Sendable, Equatable {
    /// The largest uncompressed size of any one part of the package (a worksheet, the shared
    /// strings…), checked against the size the ZIP declares and against the bytes really inflated.
    public var maxUncompressedEntryBytes: Int64
    /// The largest ratio of uncompressed to compressed size of a part, once the part is larger
    /// than ``compressionRatioGraceBytes`` (small parts of repetitive XML compress very well).
    public var maxCompressionRatio: Int64
    /// The most text the shared-string table may hold, in UTF-8 bytes (plus a small per-string
    /// overhead). It is the one part of a workbook that is kept whole while the sheet is read.
    public var maxSharedStringsBytes: Int64
    /// How much of the shared-string table is kept in memory (its first strings: the header and
    /// the common values); the rest goes to a temporary file read back through a small cache, so
    /// a workbook of a million rows costs the memory of one of a hundred thousand.
    public var sharedStringsMemoryBytes: Int
    /// The highest column a cell may use (Excel's own limit is 16384, column `XFD`).
    public var maxColumns: Int
    /// The highest row a cell with a value may be on (Excel's own limit is 1,048,576).
    public var maxRows: Int
    /// Parts up to this uncompressed size are never refused for their compression ratio.
    public var compressionRatioGraceBytes: Int64

    /// Creates limits; the defaults accept any workbook Excel itself can save.
    public init(maxUncompressedEntryBytes: Int64 = 2 << 30,
                maxCompressionRatio: Int64 = 200,
                maxSharedStringsBytes: Int64 = 256 << 20,
                sharedStringsMemoryBytes: Int = 2 << 20,
                maxColumns: Int = 16384,
                maxRows: Int = 1 << 20,
                compressionRatioGraceBytes: Int64 = 16 << 20) {
        self.maxUncompressedEntryBytes = maxUncompressedEntryBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxSharedStringsBytes = maxSharedStringsBytes
        self.sharedStringsMemoryBytes = sharedStringsMemoryBytes
        self.maxColumns = maxColumns
        self.maxRows = maxRows
        self.compressionRatioGraceBytes = compressionRatioGraceBytes
    }
}

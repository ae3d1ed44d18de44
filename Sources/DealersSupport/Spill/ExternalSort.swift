/// Sorts elements in bounded memory: an external merge sort over ``SpillRuns``.
///
/// Elements are collected in memory up to ``runLength``; a full buffer is sorted and spilled to
/// a run file in a private temporary folder. ``drain(_:)`` then merges the runs, holding one
/// element per run, and hands every element out in order. Memory is therefore `runLength`
/// elements while collecting and one per run while merging, whatever the number of elements;
/// a sort that fits in one run never touches the disk. Give a total order (a position to break
/// ties): the order of equal elements is not specified.
package final class ExternalSort<Element> {
    /// Elements held in memory before a run is spilled.
    package let runLength: Int
    private let precedes: (Element, Element) -> Bool
    private var buffer: [Element] = []
    private let runs: SpillRuns<Element>

    /// A sort by `precedes` whose runs' folders are named after `prefix`; `encode` writes an
    /// element's fields for a run file and `decode` reads them back (`nil`: damaged).
    package init(runLength: Int, prefix: String, by precedes: @escaping (Element, Element) -> Bool,
                 encode: @escaping (Element, inout SpillWriter) -> Void, decode: @escaping (inout SpillReader) -> Element?) {
        self.runLength = max(1, runLength)
        self.precedes = precedes
        runs = SpillRuns(prefix: prefix, encode: encode, decode: decode)
    }

    /// The number of run files spilled so far.
    package var spilledRuns: Int { runs.count }

    /// Adds an element.
    /// - Throws: ``DealersError`` `.io` when a run file cannot be written.
    package func add(_ element: Element) throws {
        buffer.append(element)
        if buffer.count >= runLength { try spill() }
    }

    /// Calls `body` with every element added, in order, and empties the sort.
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged run file; what `body` throws.
    package func drain(_ body: (Element) throws -> Void) throws {
        if runs.count == 0 {
            sortBuffer()
            let sorted = buffer
            buffer = []
            for element in sorted { try body(element) }
            return
        }
        if !buffer.isEmpty { try spill() }
        buffer = []
        try runs.merge(by: precedes, body)
    }

    private func spill() throws {
        sortBuffer()
        let run = try runs.start()
        for element in buffer { try runs.append(element, to: run) }
        try runs.end(run)
        buffer.removeAll(keepingCapacity: true)
    }

    private func sortBuffer() {
        buffer.sort(by: precedes)
    }
}

import DealersCore

/// A contract-history-like table for the writer stages: 8 columns (document, name, event date,
/// event, contract start, contract end, contract number, days). A pool of 4,096 generated rows
/// is cycled, so producing a row costs next to nothing and the writers are what is measured.
struct ContractHistoryRows {
    /// One row's values, in plain form for the raw libxlsxwriter floor.
    struct Row {
        var document: String
        var name: String
        var eventDate: CivilDate
        var event: String
        var start: CivilDate
        var end: CivilDate
        var contract: String
    }

    /// The column headers.
    static let headers = ["Documento", "Nombre", "Fecha", "Evento", "Inicio", "Fin", "Contrato", "Días"]
    static let poolSize = 4096

    let pool: [Row]
    /// The same rows as ``OutputValue``s, without the last (integer) column.
    let values: [[OutputValue]]

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ 0x0C0F_FEE0)
        var rows: [Row] = []
        rows.reserveCapacity(Self.poolSize)
        let events = ["ALTA", "EXTENSION", "MODIFICACION", "BAJA"]
        for i in 0..<Self.poolSize {
            let start = CivilDate(year: 2020 + rng.below(7), month: 1 + rng.below(12), day: 1 + rng.below(28))
                ?? CivilDate(year: 2026, month: 1, day: 1)
            guard let start else { continue }
            rows.append(Row(document: DocumentNumbers.forPerson(i * 7).document,
                            name: rng.pick(UserRowGenerator.firstNames) + " " + rng.pick(UserRowGenerator.lastNames),
                            eventDate: start, event: rng.pick(events), start: start,
                            end: start.adding(years: 1), contract: "C" + String(10_000_000 + i).dropFirst()))
        }
        pool = rows
        values = rows.map { r in
            [.text(r.document), .text(r.name), .date(r.eventDate), .text(r.event), .date(r.start), .date(r.end),
             .text(r.contract)]
        }
    }

    /// The full row `i` for the project's writers.
    func outputRow(_ i: Int) -> [OutputValue] {
        var row = values[i % values.count]
        row.append(.integer(365 + i % 31))
        return row
    }
}

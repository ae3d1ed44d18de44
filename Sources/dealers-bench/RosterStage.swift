import DealersCore
import Foundation

/// Stage `roster` (issue 32, docs/layouts.md "Roster files"): over a store of the N-row users file
/// (`ws-roster`, built first, not timed), the roster of one collective — every person of
/// EMPRESA-NORTE the store has (about N / 4), one in a hundred with a new e-mail, those among the
/// first 100 people absent (25 BAJAs: under the brake), 100 newcomers — applied by ``FileProcessor``;
/// then, on the same store, a users file of as many ordinary rows (ALTAs of new people). The
/// target: the roster takes at most 1.5 × the ordinary file, at a peak memory of the same order.
enum RosterStage {
    /// The collective of the roster.
    static let collective = UserRowGenerator.collectives[0]
    /// Index of the first newcomer of the roster, and of the first person of the ordinary file
    /// (``DocumentNumbers`` are distinct below 6,000,000; the change file uses 5,000,000 on).
    static let newcomersFrom = 5_500_000
    static let ordinaryFrom = 5_600_000

    static func run(data: DataSet, layouts: URL) throws -> [StageResult] {
        let workspace = try BenchWorkspace.prepare(at: data.root.appendingPathComponent("ws-roster"), layouts: layouts)
        guard try workspace.seed(users: try data.users(data.rows), data: data) != nil else {
            throw BenchError("\(workspace.root.path) already has a store; use a new --keep folder")
        }
        let (roster, rosterSeconds) = try workspace.apply(try file(data: data))
        let rosterPeak = Measure.peakResidentMiB()
        let (ordinary, ordinarySeconds) = try workspace.apply(try ordinaryFile(data: data, rows: roster.rows.read))
        let actions = roster.actions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return [
            StageResult(stage: Stage.roster.rawValue, rows: roster.rows.read, seconds: rosterSeconds, peakMiB: rosterPeak,
                        note: "\(describe(roster)); \(actions)", figures: ["ordinarySeconds": ordinarySeconds]),
            StageResult(stage: Stage.roster.rawValue + ":ordinary", rows: ordinary.rows.read, seconds: ordinarySeconds,
                        peakMiB: Measure.peakResidentMiB(), note: describe(ordinary)),
        ]
    }

    /// `plantilla-<n>.csv`: the roster.
    static func file(data: DataSet) throws -> URL {
        let generator = data.generator
        return try data.ensure("plantilla-\(data.rows).csv", header: header) { file in
            for i in 0..<data.rows where i >= 20 * UserRowGenerator.groupSize && generator.isApplied(i) {
                var row = generator.alta(i)
                guard row.collective == collective else { continue }
                if i % 100 == 3 { row.email = "nuevo.\(i)@example.com" }
                try file.append(cells(row))
            }
            for k in 0..<100 {
                var row = generator.alta(newcomersFrom + k * UserRowGenerator.groupSize)
                row.collective = collective
                row.document = DocumentNumbers.forPerson(newcomersFrom + k * UserRowGenerator.groupSize).document
                try file.append(cells(row))
            }
        }
    }

    /// `usuarios-ordinarios-<n>.csv`: `rows` ALTA rows of new people.
    static func ordinaryFile(data: DataSet, rows: Int) throws -> URL {
        let generator = data.generator
        return try data.ensure("usuarios-ordinarios-\(rows).csv", header: UserRow.header) { file in
            for j in 0..<rows { try file.append(generator.alta(ordinaryFrom + j).cells) }
        }
    }

    /// The roster's columns: the users columns without `Acción`, dates and period.
    static let header = ["Colectivo", "Tipo documento", "Nº Documento", "Nombre", "Apellidos", "Email", "Teléfono",
                         "Fecha nacimiento", "Relación", "Documento titular"]

    static func cells(_ row: UserRow) -> [String] {
        [row.collective, row.documentType, row.document, row.firstName, row.lastName, row.email, row.phone,
         row.birthDate, row.relationship, row.holder]
    }
}

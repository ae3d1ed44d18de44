import DealersTestSupport
/// A history to play against the product and the model: the day the collectives are created,
/// then the steps, in order, as of days that never go back.
struct History: Sendable {
    /// The day of the collectives file (`dealers run` on an empty store).
    var start: Day
    var steps: [HistoryStep]

    /// Two dealers with two collectives each: one of monthly contracts (`1M`), one of yearly (`1A`).
    static let collectives = [
        ModelCollective(code: "NORTE", dealer: "ACME", monthlyCents: 990, annualCents: 9900, months: 12),
        ModelCollective(code: "SUR", dealer: "ACME", monthlyCents: 495, annualCents: 4950, months: 1),
        ModelCollective(code: "PYME", dealer: "IBERIA", monthlyCents: 1250, annualCents: 12500, months: 12),
        ModelCollective(code: "MES", dealer: "IBERIA", monthlyCents: 500, annualCents: 5000, months: 1),
    ]

    static let dealers = ["ACME", "IBERIA"]

    /// The operator's collectives file of ``collectives``.
    static var collectivesFile: String {
        let header = "Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r\n"
        return header + collectives.map {
            "ALTA;\($0.code);Colectivo \($0.code);ES;\($0.dealer);\(Amount.text($0.monthlyCents));"
                + "\(Amount.text($0.annualCents));EUR;\($0.months == 1 ? "1M" : "1A");sí\r\n"
        }.joined()
    }

    /// The model before the first step.
    static var initialWorld: ModelWorld {
        var world = ModelWorld()
        for collective in collectives { world.collectives[collective.code] = collective }
        return world
    }

    /// The history as files one can drop, in order, with the command that takes each.
    var script: String {
        let setUp = HistoryStep(kind: .users, asOf: start, inbox: nil, name: "colectivos.csv")
        let collectives = "inbox/colectivos.csv:\n" + History.collectivesFile.split(separator: "\r\n").map { "    " + $0 }
            .joined(separator: "\n") + "\n" + setUp.command
        return ([collectives] + steps.map(\.script)).joined(separator: "\n\n")
    }

    var rowCount: Int { steps.reduce(0) { $0 + $1.rows.count } }
}

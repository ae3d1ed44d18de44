import DealersCore
import Foundation
import Logging

/// Users files whose rows depend on what the rules read back (altas followed by bajas,
/// extensions and moves of the same people, dependants of holders cancelled earlier in the file,
/// re-altas after a baja), generated from a seed: the dry run's tests and the PostgreSQL
/// read-ahead's compare answers on them. The layouts' users columns, Spanish-Excel text.
package enum RuleMixFiles {
    package static let collectives = "Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r\n"
        + "ALTA;ACME-1;Acme Uno;ES;;9,90;99,00;EUR;1A;sí\r\n"
        + "ALTA;IBERIA_2;Iberia Dos;ES;;5,00;50,00;EUR;1M;sí\r\n"
        + "ALTA;CERRADO;Cerrado;ES;;5,00;50,00;EUR;1M;no\r\n"

    package static let header = "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Email;Relación;Documento titular;Fecha inicio;Fecha baja;Periodo\r\n"

    /// A DNI with its control letter.
    package static func dni(_ number: Int) -> String {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        return String(number + 100_000_000).dropFirst() + String(letters[number % 23])
    }

    /// Families already in the store: a holder and two dependants each.
    package static func stored(families: Int) -> String {
        var text = header
        for family in 0..<families {
            let holder = dni(20_000_000 + family * 3)
            let collective = family % 2 == 0 ? "ACME-1" : "IBERIA_2"
            text += "ALTA;\(collective);\(holder);Ana;Núñez;ana\(family)@example.es;TITULAR;;01/11/2026;;\r\n"
            for k in 1...2 {
                text += "ALTA;\(collective);\(dni(20_000_000 + family * 3 + k));Luis;Peña;;HIJO;\(holder);01/11/2026;;\r\n"
            }
        }
        return text
    }

    /// Rows that act on stored people and on people the file itself adds, in random order.
    package static func changes(rows: Int, families: Int, using rng: inout SeededGenerator) -> String {
        let stored = (0..<families * 3).map { dni(20_000_000 + $0) }
        let new = (0..<rows / 8).map { dni(30_000_000 + $0) }
        let collectives = ["ACME-1", "ACME-1", "ACME-1", "IBERIA_2", "IBERIA_2", "CERRADO", "NINGUNO", ""]
        let relationships = ["TITULAR", "TITULAR", "TITULAR", "HIJO", "CÓNYUGE", ""]
        let periods = ["1M", "1A", "2A", ""]
        let dates = ["", "", "01/12/2026", "01/10/2026"]
        func pick(_ values: [String]) -> String { values[Int.random(in: 0..<values.count, using: &rng)] }
        func person() -> String { Int.random(in: 0..<3, using: &rng) == 0 ? pick(stored) : pick(new) }
        var text = header + prelude(storedHolder: stored[0])
        for _ in 0..<rows {
            let document = person()
            let name = Int.random(in: 0..<8, using: &rng) == 0 ? "" : "Eva"
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4:
                let relationship = pick(relationships)
                let holder = relationship == "TITULAR" || relationship.isEmpty ? "" : person()
                text += "ALTA;\(pick(collectives));\(document);\(name);Sanz;e\(document)@example.es;\(relationship);\(holder);\(pick(dates));;\r\n"
            case 4, 5:
                text += "BAJA;;\(document);;;;;;;\(pick(dates));\r\n"
            case 6, 7:
                text += "EXTENSION;;\(document);;;;;;;;\(pick(periods))\r\n"
            default:
                let relationship = pick(relationships)
                let holder = relationship == "TITULAR" || relationship.isEmpty ? "" : person()
                text += "MODIFICACION;\(pick(collectives));\(document);\(name);Gil;;\(relationship);\(holder);;;\r\n"
            }
        }
        return text
    }

    /// Dependants before their holders, so that they wait for the end of the file and are
    /// retried then, more of them than one batch read ahead: `holders` holders with two
    /// dependants each, the dependants first; every third holder is refused (a closed
    /// collective), so its dependants are refused on the retry; every fifth dependant is moved
    /// after its alta (a row that reads a user the retry has just created).
    package static func holdersAfterTheirDependants(holders: Int) -> String {
        var text = header
        let holder = { (i: Int) in dni(50_000_000 + i * 3) }
        for i in 0..<holders {
            for k in 1...2 {
                let dependant = dni(50_000_000 + i * 3 + k)
                text += "ALTA;ACME-1;\(dependant);Luis;Peña;;HIJO;\(holder(i));01/12/2026;;\r\n"
            }
        }
        for i in 0..<holders {
            let collective = i % 3 == 0 ? "CERRADO" : "ACME-1"
            text += "ALTA;\(collective);\(holder(i));Ana;Núñez;;TITULAR;;01/12/2026;;\r\n"
        }
        for i in stride(from: 0, to: holders, by: 5) {
            text += "MODIFICACION;ACME-1;\(dni(50_000_000 + i * 3 + 1));Luisa;;;HIJA;\(holder(i));;;\r\n"
        }
        return text
    }

    /// Rows whose answers depend on each kind of fact a rule reads back: a re-alta after a baja
    /// reads the cancelled contract; a holder's dependants keep him from moving; a cancelled
    /// holder takes no dependants; an extension moves the end a later baja is checked against.
    package static func prelude(storedHolder: String) -> String {
        let (a, h, d, e) = (dni(40_000_000), dni(40_000_001), dni(40_000_002), dni(40_000_003))
        return """
            ALTA;ACME-1;\(a);Rosa;Gil;;TITULAR;;;;\r
            BAJA;;\(a);;;;;;;;\r
            ALTA;IBERIA_2;\(a);Rosa;Gil;;TITULAR;;;;\r
            ALTA;ACME-1;\(h);Pau;Gil;;TITULAR;;;;\r
            ALTA;ACME-1;\(d);Eva;Gil;;HIJA;\(h);;;\r
            MODIFICACION;IBERIA_2;\(h);;;;;;;;\r
            BAJA;;\(storedHolder);;;;;;;;\r
            ALTA;ACME-1;\(e);Ana;Gil;;HIJO;\(storedHolder);;;\r
            EXTENSION;;\(d);;;;;;;;1M\r
            BAJA;;\(d);;;;;;;01/01/2028;\r

            """
    }
}

/// A workspace in a temporary folder for rule-mix files: the repository's layouts, an empty
/// `dealers.json`, the collectives, the stored users and the changes in its inbox (Spanish-Excel
/// text), and a file processor as of 2026-11-24 with a cache of a given size (and batches read
/// ahead of a given size, on a store that reads in batches).
package struct RuleMixWorkspace {
    /// The workspace's folder.
    package let root: URL
    /// The workspace.
    package let workspace: Workspace
    /// A logger that says nothing.
    package let logger: Logger
    /// The processor the tests apply the files with.
    package var processor: FileProcessor
    /// The inbox's files: the collectives, the stored users, the changes.
    package let files: (collectives: URL, stored: URL, changes: URL)

    /// Runs `body` on a new workspace, removed afterwards.
    package static func with<R>(stored: String, changes: String, cacheLimit: Int, readAheadRows: Int = RowApplier.defaultReadAheadRows,
                                _ body: (inout RuleMixWorkspace) throws -> R) throws -> R {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-rulemix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestWorkspace.repository.appendingPathComponent("layouts"), to: root.appendingPathComponent("layouts"))
        try Data("{}".utf8).write(to: root.appendingPathComponent("dealers.json"))
        let texts = [("colectivos.csv", RuleMixFiles.collectives), ("usuarios.csv", stored), ("cambios.csv", changes)]
        let urls = texts.map { root.appendingPathComponent("inbox/\($0.0)") }
        for (url, (_, text)) in zip(urls, texts) { try Data(TextEncoding.windows1252.encode(text)).write(to: url) }
        let workspace = try Workspace(root: root)
        let logger = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
        guard let asOf = CivilDate(iso: "2026-11-24") else { throw CocoaError(.coderInvalidValue) }
        var processor = FileProcessor(context: RunContext(workspace: workspace, asOf: asOf, logger: logger),
                                      catalog: try LayoutCatalog(folder: workspace.layouts))
        processor.userCacheLimit = cacheLimit
        processor.readAheadRows = readAheadRows
        var mix = RuleMixWorkspace(root: root, workspace: workspace, logger: logger, processor: processor,
                                   files: (urls[0], urls[1], urls[2]))
        return try body(&mix)
    }
}

import DealersCore
import Foundation

/// The generated input files of one benchmark run, in `<dir>/data/`. Each file is written once
/// (to a temporary name, then renamed) and reused by every stage that needs it.
struct DataSet {
    /// The benchmark folder.
    let root: URL
    /// Rows of the main users file.
    let rows: Int
    /// The seed of every generated value.
    let seed: UInt64 = 20_261_124

    /// Index of the first person of the ALTAs in the change file: beyond every big file.
    static let newPeopleFrom = 5_000_000
    /// Rows of the change file and of the small store.
    static let changeRows = 1_000

    var generator: UserRowGenerator { UserRowGenerator(seed: seed) }
    var folder: URL { root.appendingPathComponent("data") }

    /// Puts `file` (a users file given with `--users-file`) where ``users(_:)`` finds the file of
    /// ``rows`` rows: a hard link, or a copy across file systems. Nothing to do once it is there.
    func adopt(usersFile file: URL) throws {
        let url = folder.appendingPathComponent("usuarios-\(rows).csv")
        if try FileSystem.exists(url.path, followingLinks: true) { return }
        try FileSystem.createDirectory(folder.path)
        do {
            try FileSystem.link(file.path, to: url.path)
        } catch {
            guard let mapped = try MappedFile.openIfPresent(file.path) else { throw BenchError("--users-file: \(file.path) does not exist") }
            try AtomicFile.write(to: url) { out in try out.write(mapped.bytes) }
        }
    }

    /// `usuarios-<n>.csv`: `n` ALTA rows (people `0..<n`), with ~5 % deliberate mistakes.
    func users(_ n: Int) throws -> URL {
        try ensure("usuarios-\(n).csv") { file in
            for i in 0..<n { try file.append(generator.alta(i).cells) }
        }
    }

    /// `usuarios-cambios.csv`: 1,000 rows of EXTENSION and MODIFICACION of people `0..<1000`
    /// and ALTAs of new people.
    func changes() throws -> URL {
        try ensure("usuarios-cambios.csv") { file in
            for k in 0..<Self.changeRows {
                try file.append(generator.change(k, newFrom: Self.newPeopleFrom).cells)
            }
        }
    }

    /// `colectivos.csv`: the collectives the users belong to.
    func collectives() throws -> URL {
        let url = folder.appendingPathComponent("colectivos.csv")
        if try FileSystem.exists(url.path, followingLinks: true) { return url }
        try FileSystem.createDirectory(folder.path)
        let file = try Windows1252File(url: url)
        try file.append(Self.collectivesHeader)
        for (i, code) in UserRowGenerator.collectives.enumerated() {
            try file.append(Self.collectiveRow(code, dealer: i % 2 == 0 ? "ACME" : "IBERIA"))
        }
        try file.close()
        return url
    }

    /// The header of generated collectives files (`layouts/collectives.json`).
    static let collectivesHeader = ["Acción", "Código", "Nombre", "País", "Distribuidor", "Precio mensual", "Precio anual",
                                    "Moneda", "Duración", "Activo"]

    /// The ALTA of collective `code` of `dealer`, at the generated files' prices.
    static func collectiveRow(_ code: String, dealer: String) -> [String] {
        ["ALTA", code, "Colectivo \(code)", "ES", dealer, "9,90", "99,00", "EUR", "1A", "sí"]
    }

    /// Writes `<data>/<name>` once, `header` first, then what `body` appends.
    func ensure(_ name: String, header: [String] = UserRow.header, _ body: (Windows1252File) throws -> Void) throws -> URL {
        let url = folder.appendingPathComponent(name)
        if try FileSystem.exists(url.path, followingLinks: true) { return url }
        try FileSystem.createDirectory(folder.path)
        let temporary = folder.appendingPathComponent(".\(name).tmp")
        let file = try Windows1252File(url: temporary)
        try file.append(header)
        try body(file)
        try file.close()
        try FileSystem.rename(temporary.path, to: url.path)
        return url
    }
}

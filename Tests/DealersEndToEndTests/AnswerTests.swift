import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Every processing keeps its own answer (issue 14.2), and receipts and logs tell the truth
/// (issue 14.3): docs/outbox.md, "Names" and "Receipts".
@Suite("Answers: names, order, timing")
struct AnswerTests {
    static let header = "Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio\r\n"

    /// A users file with one good row and one row refused with `document` (a bad control letter).
    static func users(good: String, bad: String) -> String {
        header + "ALTA;NORTE;\(good);José;Núñez;TITULAR;;01/11/2026\r\n" + "ALTA;NORTE;\(bad);Mal;Documento;TITULAR;;01/11/2026\r\n"
    }

    @Test("the same file name sent twice, on two days and twice in a day, keeps every receipt and error file")
    func sameNameKeepsEveryAnswer() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Self.users(good: "12345678Z", bad: "11111111A"))
        #expect(try ws.run(["run", "--as-of", "2026-11-23"]).status == 65)
        try ws.write("inbox/usuarios.csv", Self.users(good: "23456789D", bad: "22222222A"))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        try ws.write("inbox/usuarios.csv", Self.users(good: "45678901G", bad: "33333333A"))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)

        let answers = [("2026-11-23", "usuarios.csv", "11111111A"), ("2026-11-24", "usuarios.csv", "22222222A"),
                       ("2026-11-24", "usuarios.2.csv", "33333333A")]
        var checksums: Set<String> = []
        for (date, name, bad) in answers {
            let receipt = try ws.receipt("outbox/receipts/\(date)/\(name).json")
            #expect(receipt.status == .partial && receipt.input == "usuarios.csv")
            #expect(receipt.archivedTo == "archive/_operator/\(date)/\(name)")
            #expect(ws.exists("archive/_operator/\(date)/\(name)"))
            let errorsCSV = "errors/\(date)/\(name).errors.csv"
            let rejected = "errors/\(date)/\((name as NSString).deletingPathExtension).rejected.csv"
            #expect(receipt.outputs.contains(errorsCSV) && receipt.outputs.contains(rejected))
            #expect(receipt.outputs.contains("receipts/\(date)/\(name).json"))
            #expect(try ws.text("outbox/" + errorsCSV).contains(bad))
            #expect(try ws.text("outbox/" + rejected).contains(bad))
            let others = answers.map(\.2).filter { $0 != bad }
            #expect(try !others.contains { try ws.text("outbox/" + errorsCSV).contains($0) })
            checksums.insert(receipt.checksum)
        }
        #expect(checksums.count == 3)
        // The latest view is the newest processing's receipt, byte for byte.
        #expect(try Data(contentsOf: ws.url("outbox/receipts/usuarios.csv.json"))
            == Data(contentsOf: ws.url("outbox/receipts/2026-11-24/usuarios.2.csv.json")))
    }

    @Test("validate writes to outbox/validate/ (or only to standard output) and never touches a run's answers")
    func validateHasItsOwnPlace() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Self.users(good: "12345678Z", bad: "11111111A"))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let before = try snapshot(ws.url("outbox"))

        let file = try ws.write("elsewhere/usuarios.csv", Self.users(good: "23456789D", bad: "22222222A"))
        let validate = try ws.run(["validate", file.path, "--as-of", "2026-11-24"])
        #expect(validate.status == 65 && validate.stdout.contains("VALIDATED"), "\(validate.stderr)")
        var after = try snapshot(ws.url("outbox"))
        let validateFiles = after.keys.filter { $0.hasPrefix("validate/") }
        #expect(Set(validateFiles) == ["validate/usuarios.csv.json", "validate/usuarios.csv.errors.csv",
                                       "validate/usuarios.rejected.csv", "validate/usuarios.csv.errors.xlsx"])
        for key in validateFiles { after[key] = nil }
        #expect(after == before)
        #expect(try ws.text("outbox/validate/usuarios.csv.errors.csv").contains("22222222A"))

        // --no-files: the errors on standard output, the summary on standard error, nothing written.
        try FileManager.default.removeItem(at: ws.url("outbox/validate"))
        let quiet = try ws.run(["validate", "--no-files", file.path, "--as-of", "2026-11-24"])
        #expect(quiet.status == 65)
        #expect(quiet.stdout.hasPrefix("línea;columna;campo;valor;código;mensaje"))
        #expect(quiet.stdout.contains("3;3;Nº Documento;22222222A;INVALID_FORMAT;"))
        #expect(quiet.stderr.contains("VALIDATED"))
        #expect(try snapshot(ws.url("outbox")) == before)
    }

    @Test("a receipt's startedAt, finishedAt and durationSeconds agree and cover the commit")
    func receiptTiming() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let result = try ws.run(["run", "-v", "--as-of", "2026-11-24"])
        #expect(result.status == 0, "\(result.stderr)")
        let receipt = try ws.receipt("outbox/receipts/2026-11-24/colectivos.csv.json")
        let started = try #require(Receipt.date(receipt.startedAt))
        let finished = try #require(receipt.finishedAt.flatMap(Receipt.date))
        #expect(finished >= started)
        #expect(abs(finished.timeIntervalSince(started) - receipt.durationSeconds) <= 0.002)
        // The debug log says when the commit was done, counted from the same start.
        let committed = try #require(result.stderr.split(separator: "\n").first { $0.contains("colectivos.csv: committed") })
        let words = committed.split(separator: " ")
        let index = try #require(words.firstIndex(of: "after"))
        let commitSeconds = try #require(Double(words[index - 2]))
        // Both are rounded to the millisecond (the receipt's from its two timestamps), so they may
        // differ by one in the last place.
        #expect(receipt.durationSeconds + 0.002 >= commitSeconds, "\(receipt.durationSeconds) s, commit at \(commitSeconds) s")
    }

    @Test("errors.csv, the workbook and the rejected rows are in line order when a dependant waits for a holder that never comes")
    func errorsInLineOrder() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let lines: [String] = [
            "ALTA;NORTE;23456789D;María;Peña;CÓNYUGE;99999999R;01/11/2026",   // line 2: waits, holder never comes
            "ALTA;NORTE;12345678Z;José;Núñez;TITULAR;;01/11/2026",           // line 3: applied
            "ALTA;NORTE;1111111XX;Mal;Documento;TITULAR;;31/02/2026",        // line 4: two errors, columns 3 and 8
            "ALTA;NORTE;34567890V;Ana;Peña;HIJA;12345678Z;01/11/2026",       // line 5: applied
        ]
        try ws.write("inbox/usuarios.csv", Self.header + lines.joined(separator: "\r\n") + "\r\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let errors = try ws.text(ws.output(of: "usuarios.csv", endingWith: ".errors.csv"))
        let rows: [[Substring]] = errors.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false) }
        let errorLines: [Int] = rows.map { Int($0[0]) ?? -1 }
        let errorColumns: [Int] = rows.map { Int($0[1]) ?? 0 }
        #expect(errorLines == [2, 4, 4])
        #expect(errorColumns == [7, 3, 8])
        #expect(rows.first?[4] == "HOLDER_NOT_FOUND")

        let rejected = try ws.text(ws.output(of: "usuarios.csv", endingWith: ".rejected.csv"))
        let maria = try #require(rejected.range(of: "23456789D")), bad = try #require(rejected.range(of: "1111111XX"))
        #expect(maria.lowerBound < bad.lowerBound)

        var workbookLines: [Int] = []
        try XLSXReader(url: ws.url(ws.output(of: "usuarios.csv", endingWith: ".errors.xlsx"))).read { record in
            if case .number(let n)? = record.cells.first, let line = Int(n) { workbookLines.append(line) }
        }
        #expect(workbookLines == [2, 4])
    }

    @Test("run waits for files still settling and then takes the batch in order: collectives before the dealer's file")
    func runWaitsForSettlingFiles() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "stabilitySeconds": 1}"#)
        defer { ws.remove() }
        // The dealer's file has settled; the collectives file it needs has just been written.
        let altas = try ws.write("inbox/ACME/altas.csv", Self.header + "ALTA;NORTE;12345678Z;José;Núñez;TITULAR;;01/11/2026\r\n")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: altas.path)
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ws.receipt("outbox/receipts/colectivos.csv.json").status == .applied)
        #expect(try ws.receipt("outbox/ACME/receipts/altas.csv.json").status == .applied)
        #expect(result.stderr.contains("run: 2 files processed (APPLIED 2)"))
    }

    @Test("a file run leaves in the inbox is named with the reason, in a log line and the run's summary")
    func runSaysWhatItSkips() throws {
        let ws = try TestWorkspace(settings: #"{"stabilitySeconds": 0, "requireDoneMarker": true}"#)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        let result = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("colectivos.csv: not processed: waiting for its marker colectivos.csv.done"))
        #expect(result.stderr.contains("run: nothing to process; left in the inbox: colectivos.csv (waiting for its .done marker)"))
        #expect(ws.exists("inbox/colectivos.csv"))
    }

    /// Every file under `folder`, by relative path, with its bytes.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[url.standardizedFileURL.path.replacingOccurrences(of: base, with: "")] = try Data(contentsOf: url)
        }
        return files
    }
}

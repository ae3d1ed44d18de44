/// The names under which the answers to one processing of an input are published, relative to
/// its outbox (`outbox/` or `outbox/<DEALER>/`); docs/outbox.md, "Names".
///
/// A processing is named after the input's archived copy, `archive/<who>/<date>/<name>`, which
/// is unique (a second `usuarios.csv` of the same date is archived as `usuarios.2.csv`): its
/// receipt is `receipts/<date>/<name>.json` and its error files are in `errors/<date>/`, so an
/// answer is never overwritten by a later one and the names sort by date. `receipts/<input>.json`
/// is the *latest* view: a copy of the newest receipt of that input name.
/// `dealers validate` writes to `validate/` only (`validate/<input>.json` and its error files),
/// never to a name a real run uses.
package struct OutputNames: Equatable {
    /// The receipt, e.g. `receipts/2026-11-24/usuarios.2.csv.json` (`validate/usuarios.csv.json`).
    package var receipt: String
    /// The latest view of receipts of this input name, e.g. `receipts/usuarios.csv.json`.
    package var latestReceipt: String?
    /// The folder of the error files, e.g. `errors/2026-11-24` or `validate`.
    package var errorsFolder: String
    /// The name the error files are named after, e.g. `usuarios.2.csv`.
    package var fileName: String

    /// The names of a processing whose input is archived at `archivedTo` (relative to the
    /// workspace, `archive/<who>/<date>/<name>`), for an input named `input`.
    package init(archivedTo: String, input: String) {
        let parts = archivedTo.split(separator: "/")
        let name = parts.last.map(String.init) ?? input
        let date = parts.count >= 2 ? String(parts[parts.count - 2]) : "undated"
        receipt = "receipts/\(date)/\(name).json"
        latestReceipt = "receipts/\(input).json"
        errorsFolder = "errors/\(date)"
        fileName = name
    }

    /// The names of `dealers validate` for an input named `input`: error files in `validate/`.
    package static func validation(input: String) -> OutputNames {
        OutputNames(receipt: "validate/\(input).json", latestReceipt: nil, errorsFolder: "validate", fileName: input)
    }

    private init(receipt: String, latestReceipt: String?, errorsFolder: String, fileName: String) {
        self.receipt = receipt
        self.latestReceipt = latestReceipt
        self.errorsFolder = errorsFolder
        self.fileName = fileName
    }
}

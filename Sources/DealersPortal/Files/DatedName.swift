/// A file of a visitor's answers folder (`receipts/`, `errors/`) by name: in a date folder
/// (`2026-11-24/usuarios.csv.json`), or at the top (`usuarios.csv.json`, a receipt's latest view).
/// Only ever looked up among listed names (``ReadableFolder/lookUp(_:)``), never made a path.
struct DatedName: Sendable, Equatable, Hashable {
    /// The date folder (`YYYY-MM-DD`), or `nil` at the top of the folder.
    var date: String?
    /// The file's name.
    var name: String

    /// The portal's URL path for it under `/<route>/`, e.g. `/errors/2026-11-24/x.errors.csv`.
    func urlPath(_ route: String, query: String = "") -> String {
        "/\(route)/" + (date.map { HTML.pathSegment($0) + "/" } ?? "") + HTML.pathSegment(name) + query
    }

    /// The file a receipt's output names in `folder` (`errors`, `receipts`): `errors/<date>/<name>`,
    /// also at the end of a longer path (`outbox/ACME/errors/<date>/<name>`); `nil` for anything else.
    init?(output: String, in folder: String) {
        let parts = output.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[parts.count - 3] == folder, ReadableFolder.isDateName(parts[parts.count - 2]),
              !parts[parts.count - 1].isEmpty else { return nil }
        self.init(date: parts[parts.count - 2], name: parts[parts.count - 1])
    }

    init(date: String?, name: String) {
        self.date = date
        self.name = name
    }
}

import Foundation
import DealersModel

/// The one rule for the names of corrections sent from the portal (docs/portal.md,
/// "Corrections"): the correction of the processing archived as `<date>/<base>.<ext>` is the
/// input `<base>.correccion-<date>.<ext>`, so that its receipt (and its archived copy, which may
/// become `<base>.correccion-<date>.2.<ext>`) names the processing it corrects. The word is the
/// same in every language: it is part of a file name scripts may match.
public enum CorrectionName {
    /// The marker between the original's base name and its date.
    public static let marker = ".correccion-"

    /// The input name of a correction of the processing archived as `archived` on `date`
    /// (`YYYY-MM-DD`).
    public static func input(correcting archived: String, date: String) -> String {
        let base = (archived as NSString).deletingPathExtension, ext = (archived as NSString).pathExtension
        return base + marker + date + (ext.isEmpty ? "" : "." + ext)
    }

    /// The processing a correction's name points back to: its date and archived name; `nil` for
    /// a name that is not a correction's. Works on the correction's input name and on its
    /// archived names (`….correccion-2026-11-24.2.csv`).
    public static func original(of name: String) -> (date: String, archived: String)? {
        guard let range = name.range(of: marker, options: .backwards) else { return nil }
        let base = String(name[..<range.lowerBound])
        let rest = name[range.upperBound...]
        let date = String(rest.prefix(10)), tail = rest.dropFirst(10)
        guard !base.isEmpty, date.utf8.count == 10, CivilDate(iso: date) != nil, tail.isEmpty || tail.hasPrefix(".") else { return nil }
        // What follows the date: nothing, `.ext`, or `.N.ext` (the archive's numbering of a second correction).
        var parts = tail.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, parts[0].allSatisfy(\.isASCII), Int(parts[0]) != nil { parts.removeFirst() }
        let ext = parts.joined(separator: ".")
        return (date, ext.isEmpty ? base : base + "." + ext)
    }
}

import Foundation

/// The one rule for the names inputs take in `archive/<dealer>/<date>/` (and so the names of
/// their receipts and error files, docs/outbox.md "Names"): an input keeps its name, and the
/// next input of the same name that day becomes `base.2.ext`, then `base.3.ext` … so that an
/// earlier input is never overwritten. The pipeline picks names with it; the portal recognises
/// them with it.
public enum ArchivedName {
    /// The `number`-th name of `input` (1: the name itself; 2: `base.2.ext` …).
    public static func candidate(_ input: String, number: Int) -> String {
        guard number > 1 else { return input }
        let (base, ext) = parts(input)
        return ext.isEmpty ? "\(base).\(number)" : "\(base).\(number).\(ext)"
    }

    /// Whether `archived` is a name the archive may have given `input`: the name itself or
    /// `base.N.ext` with N ≥ 2 written without leading zeros.
    public static func isName(_ archived: String, of input: String) -> Bool {
        if archived == input { return true }
        let (base, ext) = parts(input)
        let tail = ext.isEmpty ? "" : "." + ext
        guard archived.hasPrefix(base + "."), archived.hasSuffix(tail), archived.count > base.count + 1 + tail.count else { return false }
        let number = archived.dropFirst(base.count + 1).dropLast(tail.count)
        guard number.allSatisfy({ ("0"..."9").contains($0) }), !number.hasPrefix("0"), let n = Int(number) else { return false }
        return n >= 2
    }

    private static func parts(_ name: String) -> (base: String, ext: String) {
        ((name as NSString).deletingPathExtension, (name as NSString).pathExtension)
    }
}

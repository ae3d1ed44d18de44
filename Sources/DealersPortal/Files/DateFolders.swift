import DealersSupport
import Foundation

extension ReadableFolder {
    /// The date folders inside this folder (`receipts/2026-11-24/`, `errors/2026-11-24/`), newest
    /// first: real folders (not links) named exactly `YYYY-MM-DD`, found by listing. A folder that
    /// is missing, or is itself a link, has none.
    func dateFolders() -> [(date: String, folder: ReadableFolder)] {
        guard Self.isRealFolder(url.path), let names = try? FileSystem.names(in: url.path) else { return [] }
        return names.filter(Self.isDateName).sorted(by: >).compactMap { name in
            let child = url.appendingPathComponent(name)
            return Self.isRealFolder(child.path) ? (name, ReadableFolder(url: child, filter: filter)) : nil
        }
    }

    /// The date folder with exactly this name among those listed, or `nil` (for every reason alike).
    func dateFolder(named date: String) -> ReadableFolder? {
        dateFolders().first { $0.date == date }?.folder
    }

    /// The listed file at `name` in the listed date folder `date` (or in this folder when `date`
    /// is `nil`), with the folder that holds it; `nil` for every reason alike.
    func lookUp(_ name: DatedName) -> (entry: FolderEntry, folder: ReadableFolder)? {
        let folder: ReadableFolder?
        if let date = name.date { folder = dateFolder(named: date) } else { folder = self }
        guard let folder, let entry = folder.entry(named: name.name) else { return nil }
        return (entry, folder)
    }

    /// `YYYY-MM-DD` in ASCII digits, nothing else.
    static func isDateName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}

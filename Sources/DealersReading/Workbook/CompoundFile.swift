import Foundation

/// Just enough of the OLE2 compound file format ([MS-CFB]) to list the streams in a file's
/// directory: what tells an encrypted workbook from an `.xls` from a Word document.
package enum CompoundFile {
    /// The file signature `D0 CF 11 E0 A1 B1 1A E1`.
    package static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// At most this many directory sectors are read (a workbook has a handful).
    private static let maxDirectorySectors = 64

    /// What the compound file is, from the names in its directory.
    static func kind(_ handle: FileHandle) -> OfficeFileKind {
        let names = Set(directoryNames(handle))
        if names.contains("EncryptionInfo") || names.contains("EncryptedPackage") { return .encrypted }
        if names.contains("Workbook") || names.contains("Book") { return .xls }
        return .otherCompoundDocument
    }

    /// The names of the directory's entries, as far as the file lets them be read.
    static func directoryNames(_ handle: FileHandle) -> [String] {
        guard let header = read(handle, at: 0, count: 512), header.count == 512 else { return [] }
        let shift = Int(u16(header, 0x1E))
        guard shift == 9 || shift == 12 else { return [] }
        let sectorSize = 1 << shift
        // The first 109 FAT sectors are listed in the header; enough for the directory of a
        // workbook (it is near the start, or the file is tens of MiB).
        let fatSectors = (0..<109).map { u32(header, 0x4C + 4 * $0) }
        var fatCache: [UInt32: [UInt8]] = [:]
        func next(_ sector: UInt32) -> UInt32? {
            let perSector = UInt32(sectorSize / 4)
            let index = Int(sector / perSector)
            guard index < fatSectors.count, fatSectors[index] < 0xFFFF_FFFA else { return nil }
            let fatSector = fatSectors[index]
            if fatCache[fatSector] == nil {
                fatCache[fatSector] = read(handle, at: UInt64(fatSector + 1) << UInt64(shift), count: sectorSize)
            }
            guard let bytes = fatCache[fatSector], bytes.count == sectorSize else { return nil }
            return u32(bytes, Int(sector % perSector) * 4)
        }
        var names: [String] = []
        var sector = u32(header, 0x30)
        var visited = 0
        while sector < 0xFFFF_FFFA, visited < maxDirectorySectors {
            visited += 1
            guard let bytes = read(handle, at: UInt64(sector + 1) << UInt64(shift), count: sectorSize),
                  bytes.count == sectorSize else { break }
            for offset in stride(from: 0, to: sectorSize, by: 128) {
                let length = Int(u16(bytes, offset + 0x40))
                guard length >= 2, length <= 64, bytes[offset + 0x42] != 0 else { continue }
                let units = (0..<(length / 2 - 1)).map { u16(bytes, offset + 2 * $0) }
                names.append(String(decoding: units, as: UTF16.self))
            }
            guard let following = next(sector) else { break }
            sector = following
        }
        return names
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int) -> [UInt8]? {
        do {
            try handle.seek(toOffset: offset)
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            return nil
        }
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 {
        UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }
}

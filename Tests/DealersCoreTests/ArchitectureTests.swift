import Foundation
import Testing

/// The house rules that the compiler does not keep, read from the sources themselves.
///
/// - One door to the file system: outside `Sources/DealersSupport/`, no source imports `Glibc`
///   or `Darwin`, uses `FileManager.default`, or calls the C library's file-system functions;
///   everything goes through `FileSystem`, `OpenFile` and `AtomicFile`. The few files that must
///   use the C library for something that is not the file system, or that measure the C calls on
///   purpose, are listed in ``ArchitectureTests/exceptions`` with the reason.
/// - Every `import Dealers…` (or of a C module) is one of the target's declared dependencies in
///   `Package.swift`: SwiftPM builds a module that is only a dependency's dependency, so an
///   undeclared import (or a layer reached through an `@_exported` one) would compile.
@Suite("Architecture")
struct ArchitectureTests {
    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The one door itself.
    static let door = "Sources/DealersSupport/"

    /// Files outside the door that may use the C library, and why. A file here that no longer
    /// needs it fails the test too: the list only shrinks.
    static let exceptions: [String: String] = [
        "Sources/DealersPipeline/Watch/InotifyWatcher.swift":
            "inotify: a kernel event queue on a descriptor, not a file-system call (a wake-up only means scan again)",
        "Sources/DealersPipeline/Watch/WakePipe.swift":
            "the watcher's self-pipe, fcntl and poll(2): no path is opened, read or written",
        "Sources/dealers-bench/ChildProcess.swift":
            "posix_spawn and wait4 give each stage's ru_maxrss (Foundation's Process does not); readlink of /proc/self/exe",
        "Sources/dealers-bench/StoreStages.swift":
            "the store-read floor measures raw opendir/readdir/open/read(2) on purpose; store-files counts lstat's st_blocks",
        "Sources/dealers-bench/ValidateStages.swift":
            "the csv floor measures raw open/read(2) under libcsv on purpose",
    ]

    /// What the rule looks for, each with what a person reads when it is found.
    static let forbidden: [(pattern: NSRegularExpression, what: String)] = [
        (regex(#"^\s*(@\w+\s+)*import\s+(Glibc|Darwin)\b"#), "imports the C library"),
        (regex(#"FileManager\.default"#), "uses FileManager.default"),
        (regex(#"(?<![\w.])(?<!func )(lstat|fstat|stat|openat|link|unlink|rename|renameat|fsync|fdatasync|mkdir|rmdir|"#
               + #"opendir|readdir|closedir|ftruncate|truncate|flock|mmap|munmap|readlink|symlink|access|chmod|_exit)\("#
               + #"|\bO_(RDONLY|WRONLY|RDWR|NOFOLLOW|CREAT|DIRECTORY)\b"#), "calls the C library's file system"),
    ]

    @Test("outside DealersSupport, nothing imports Glibc, uses FileManager.default or calls the C file-system functions")
    func oneDoorToTheFileSystem() throws {
        var found: [String] = []
        var excused: Set<String> = []
        for file in try Self.swiftFiles(under: "Sources") where !file.hasPrefix(Self.door) {
            for (number, line) in try Self.codeLines(of: file) {
                for rule in Self.forbidden where Self.matches(rule.pattern, line) {
                    if Self.exceptions[file] != nil {
                        excused.insert(file)
                    } else {
                        found.append("\(file):\(number): \(rule.what): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        #expect(found.isEmpty, "go through DealersSupport's FileSystem instead:\n\(found.joined(separator: "\n"))")
        let stale = Set(Self.exceptions.keys).subtracting(excused).sorted()
        #expect(stale.isEmpty, "no longer needs its exception; remove it from ArchitectureTests.exceptions: \(stale)")
    }

    @Test("every import of a Dealers module or a C module is a declared dependency of the target")
    func importsAreDeclaredDependencies() throws {
        let dependencies = try Self.declaredDependencies()
        #expect(dependencies["DealersPortal"]?.contains("DealersCore") == true, "Package.swift was not read")
        let importLine = Self.regex(#"^\s*(@\w+\s+)*((public|package|internal)\s+)?import\s+((struct|class|enum|protocol|func|var|let|typealias)\s+)?"#
                                    + #"((Dealers|C[A-Z])\w*)"#)
        var found: [String] = []
        var checked = 0
        for file in try Self.swiftFiles(under: "Sources") + Self.swiftFiles(under: "Tests") {
            let target = file.split(separator: "/")[1]
            for (number, line) in try Self.codeLines(of: file) {
                let range = NSRange(line.startIndex..., in: line)
                guard let match = importLine.firstMatch(in: line, range: range),
                      let moduleRange = Range(match.range(at: 6), in: line) else { continue }
                let module = String(line[moduleRange])
                checked += 1
                if module != target && dependencies[String(target)]?.contains(module) != true {
                    found.append("\(file):\(number): imports \(module), not a dependency of \(target) in Package.swift")
                }
            }
        }
        #expect(checked > 100, "the imports were not found")
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    // MARK: Reading the sources

    /// The targets of `Package.swift` and the quoted names in each one's `dependencies: [...]`
    /// (target names, and product names, which never start with `Dealers`).
    static func declaredDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = regex(#"\.(target|executableTarget|testTarget|systemLibrary)\("#)
        let name = regex(#"name:\s*"([^"]+)""#), dependencies = regex(#"dependencies:\s*\[([^\]]*)\]"#), quoted = regex(#""([^"]+)""#)
        let starts = start.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)).map(\.range.location)
        let text = manifest as NSString
        var result: [String: Set<String>] = [:]
        for (index, location) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : text.length
            let block = text.substring(with: NSRange(location: location, length: end - location))
            guard let target = firstGroup(name, in: block) else { continue }
            let list = firstGroup(dependencies, in: block) ?? ""
            let names = quoted.matches(in: list, range: NSRange(list.startIndex..., in: list))
                .compactMap { Range($0.range(at: 1), in: list).map { String(list[$0]) } }
            result[target, default: []].formUnion(names)
        }
        return result
    }

    /// The `.swift` files under a folder of the repository, as paths relative to its root.
    static func swiftFiles(under folder: String) throws -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walk = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walk.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "\(folder)/\($0)" }.sorted()
    }

    /// The numbered lines of a file that are not whole-line comments.
    static func codeLines(of file: String) throws -> [(Int, String)] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        return text.components(separatedBy: "\n").enumerated()
            .filter { !$0.element.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .map { ($0.offset + 1, $0.element) }
    }

    static func regex(_ pattern: String) -> NSRegularExpression {
        do { return try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) } catch {
            preconditionFailure("bad pattern \(pattern): \(error)")
        }
    }

    static func matches(_ pattern: NSRegularExpression, _ line: String) -> Bool {
        pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }

    static func firstGroup(_ pattern: NSRegularExpression, in text: String) -> String? {
        guard let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}

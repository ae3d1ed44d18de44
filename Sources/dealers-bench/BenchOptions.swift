import DealersCore
import Foundation

/// The command line: `dealers-bench [--rows N | --users-file FILE] [--stage NAME] [--keep DIR] [--skip NAME,…] [--layouts DIR]`.
struct BenchOptions {
    /// Rows of the main users file and of the written tables.
    var rows = 1_000_000
    /// Run only this stage, in this process, and print its row.
    var stage: Stage?
    /// Keep the generated data, stores and outputs in this folder (else a temporary folder, deleted at the end).
    var keep: URL?
    /// Stages left out of a full run.
    var skip: Set<Stage> = []
    /// The layouts to copy into bench workspaces (default: `layouts/` of the package).
    var layouts: URL
    /// A users file to measure instead of the generated one (its data rows set ``rows``).
    var usersFile: URL?
    /// (Internal) Where a child writes its result as JSON.
    var resultFile: URL?
    /// The folder of this run: `keep`, or the temporary folder chosen by the parent.
    var directory: URL

    static let usage = """
        usage: dealers-bench [--rows N | --users-file FILE] [--stage NAME] [--keep DIR] [--skip NAME,...] [--layouts DIR]
          --rows N      rows of the users file and of the written tables (default 1000000, at most 1250000)
          --users-file FILE
                        measure this users file (the 14 columns of layouts/users.json, `;`, Windows-1252,
                        e.g. what ../shared/bench/gen_es_excel.py makes) instead of the generated one: the
                        stages that read the users file (csv-floor, validate, validate-csv, peers, the apply
                        and run stages) read it, N is its data rows (up to 5000000); the -4x stages are left out
          --stage NAME  run one stage in this process (see the list below)
          --keep DIR    work in DIR and keep it (data, stores, outputs); default: a temporary folder, deleted
          --skip LIST   stages to leave out of the full run, comma-separated
          --layouts DIR the layouts copied into bench workspaces (default: ./layouts)
        The command stages run the `dealers` executable found next to this one (same build folder);
        the peers stage runs scripts/peers.py (beside --layouts) with $DEALERS_BENCH_PYTHON or python3.
        stages, in the order of a full run:
        """ + "\n" + Stage.allCases
            .map { "  " + $0.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + $0.summary }
            .joined(separator: "\n")

    /// Parses the arguments (without the program name).
    init(_ arguments: [String]) throws {
        let cwdLayouts = URL(fileURLWithPath: FileSystem.currentDirectory).appendingPathComponent("layouts")
        layouts = cwdLayouts
        directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("dealers-bench-\(ProcessInfo.processInfo.processIdentifier)")
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(flag) needs a value\n\(Self.usage)") }
            return v
        }
        func stage(_ name: String) throws -> Stage {
            guard let s = Stage(rawValue: name) else { throw BenchError("unknown stage \(name)\n\(Self.usage)") }
            return s
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--rows":
                let text = try value(flag).replacingOccurrences(of: "_", with: "")
                guard let n = Int(text), n >= 1_000, n <= 1_250_000 else {
                    throw BenchError("--rows takes a number from 1000 to 1250000")
                }
                rows = n
            case "--stage": self.stage = try stage(try value(flag))
            case "--keep": keep = URL(fileURLWithPath: try value(flag)).standardizedFileURL
            case "--skip": skip = Set(try value(flag).split(separator: ",").map { try stage(String($0)) })
            case "--users-file": usersFile = URL(fileURLWithPath: try value(flag)).standardizedFileURL
            case "--layouts": layouts = URL(fileURLWithPath: try value(flag)).standardizedFileURL
            case "--result": resultFile = URL(fileURLWithPath: try value(flag))
            case "--help", "-h": throw BenchError(Self.usage)
            default: throw BenchError("unknown argument \(flag)\n\(Self.usage)")
            }
        }
        if let keep { directory = keep }
        if let usersFile { rows = try Self.dataRows(of: usersFile) }
    }

    /// The data rows of a users file: its lines but the header (a last line without a line end
    /// counts too).
    static func dataRows(of file: URL) throws -> Int {
        guard let mapped = try MappedFile.openIfPresent(file.path) else { throw BenchError("--users-file: \(file.path) does not exist") }
        let bytes = mapped.bytes
        var lines = 0
        for byte in bytes where byte == 0x0A { lines += 1 }
        if let last = bytes.last, last != 0x0A { lines += 1 }
        guard lines >= 2, lines - 1 <= 5_000_000 else {
            throw BenchError("--users-file: \(file.path) has \(max(0, lines - 1)) data rows; 1 to 5000000 are measured")
        }
        return lines - 1
    }

    /// Whether a full run leaves `stage` out.
    func skipping(_ stage: Stage) -> Bool {
        skip.contains(stage) || (usersFile != nil && (stage == .validate4x || stage == .apply4x))
    }

    /// The arguments that make a child run `stage` in the same folder with the same sizes.
    func childArguments(for stage: Stage, result: URL) -> [String] {
        ["--rows", String(rows), "--stage", stage.rawValue, "--keep", directory.path, "--layouts", layouts.path,
         "--result", result.path] + (usersFile.map { ["--users-file", $0.path] } ?? [])
    }
}

import Foundation
import DealersTestSupport

/// The official pain.008.001.02 schema as the `sepaxml` Python package bundles it (installed by
/// scripts/setup.sh under DEALERS_WITH_TEST_TOOLS=1), checked with `xmllint --schema` (Debian
/// `libxml2-utils`). Never fetched at run time: without either tool, validation is skipped and
/// says so.
enum SEPASchema {
    /// The schema's path, when the package is installed.
    static var pain008: String? {
        let script = "import os, sepaxml, sys; sys.stderr.write(os.path.join(os.path.dirname(sepaxml.__file__), 'schemas', 'pain.008.001.02.xsd'))"
        guard let result = try? PythonModule.run(script, arguments: []), result.status == 0 else { return nil }
        return FileManager.default.fileExists(atPath: result.stderr) ? result.stderr : nil
    }

    /// `nil` when `file` is valid; else xmllint's complaint. Throws `Skip` when a tool is missing.
    static func validate(_ file: URL) throws -> String? {
        guard let xsd = pain008, let xmllint = PythonModule.executable(named: ["xmllint"]) else { throw Skip() }
        let result = try PythonModule.runProgram(xmllint, ["--noout", "--schema", xsd, file.path])
        return result.status == 0 ? nil : result.stderr
    }

    /// A tool the validation needs is missing.
    struct Skip: Error {}
}

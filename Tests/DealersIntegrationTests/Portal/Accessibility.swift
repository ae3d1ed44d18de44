import Foundation

/// axe-core, run in the page through DevTools (which the page's CSP does not govern): the
/// `axe.min.js` that the PyPI package axe-playwright-python bundles, installed by
/// `scripts/setup.sh` under `DEALERS_WITH_TEST_TOOLS=1`.
enum Accessibility {
    /// axe-core's source, or `nil` when the package is not installed.
    static let axeSource: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
        import importlib.util, os
        spec = importlib.util.find_spec('axe_playwright_python')
        print(os.path.join(os.path.dirname(spec.origin), 'axe.min.js') if spec else '')
        """]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard !path.isEmpty, let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }()

    /// Whether axe-core is there; says so loudly when it is not (the check is then skipped).
    static var present: Bool {
        if axeSource != nil { return true }
        FileHandle.standardError.write(Data("""

        ************************************************************************************
        * SKIPPED: the portal's accessibility check needs axe-core (axe-playwright-python):
        * DEALERS_WITH_TEST_TOOLS=1 scripts/setup.sh installs it
        ************************************************************************************

        """.utf8))
        return false
    }
}

extension BrowserTab {
    /// The serious and critical axe-core violations of the page shown (`rule: selectors`);
    /// empty when axe-core is not installed.
    func seriousAccessibilityViolations() throws -> [String] {
        guard let axe = Accessibility.axeSource else { return [] }
        try evaluate("if (!window.axe) { \(axe) }; true")
        let found = try evaluate("""
        axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations
          .filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
        """, awaitPromise: true)
        guard let json = found as? String, let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else {
            throw DevToolsPipe.Failure(description: "axe-core gave no result: \(String(describing: found))")
        }
        return list
    }
}

import DealersTestSupport
import Foundation
import Testing

extension PortalBrowserTests {
    /// Issue 34: the master opens the processing of the sample `usuarios-2026-11.csv` from the
    /// receipts list, corrects a rejected row in the grid with the keyboard only, sends it, and
    /// the page follows the new file until its receipt (processed by `dealers run`) shows.
    @Test(.enabled(if: BrowserTestOutput.chromiumPresent, "Debian's chromium is not installed (run scripts/setup.sh as root)"))
    func theMasterCorrectsARejectedRowInTheGridAndFollowsTheNewReceipt() throws {
        let workspace = try TestWorkspace.sampleRun()
        defer { workspace.remove() }
        let password = "una contraseña larga"
        #expect(try workspace.addPortalAccount("olga", dealer: nil, password: password).status == 0)
        let output = try BrowserTestOutput.fresh("corrections")
        let server = try ServeProcess(workspace: workspace)
        var serverStatus: Int32?
        defer { if serverStatus == nil { _ = server.stop() } }
        let browser = try DevToolsPipe(executable: try #require(DevToolsPipe.executable), log: output.appendingPathComponent("chromium.log"))
        defer { browser.close() }
        let tab = try BrowserTab(browser)
        try tab.open(server.base + "/login")
        try tab.signIn("olga", password)
        try tab.waitFor("location.pathname === '/dashboard' && document.readyState === 'complete'")

        // From the receipts list to the processing's page.
        try tab.open(server.base + "/receipts/")
        let page = "/receipts/2026-11-24/usuarios-2026-11.csv"
        try tab.evaluate("document.querySelector('a[href=\"\(page)\"]').click()")
        try tab.waitFor("location.pathname === '\(page)' && document.readyState === 'complete'")
        let text = try #require(try tab.evaluate("document.body.innerText") as? String)
        #expect(text.contains("PARCIAL") && text.contains("INVALID_FORMAT") && text.contains("45678901A"))
        for screen in [BrowserTab.Screen.desktop, .phone] {
            try tab.resize(screen)
            try tab.open(server.base + page)
            try tab.screenshot(to: output.appendingPathComponent("receipt-\(screen.name).png"))
        }

        // Line 6, column Nº Documento (the 4th), with the keyboard: focus, select, type, Enter.
        try tab.evaluate("const c = document.querySelector('input[name=\"c.6.3\"]'); c.focus(); c.select();")
        try tab.typeText("45678901G")
        #expect(try tab.evaluate("document.activeElement.value") as? String == "45678901G")
        try tab.pressEnter()
        try tab.waitFor("location.pathname === '/upload/status' && document.getElementById('waiting')")
        #expect(workspace.exists("inbox/usuarios-2026-11.correccion-2026-11-24.csv"))
        try tab.screenshot(to: output.appendingPathComponent("waiting.png"))

        // The watcher's work (here one run); the status page then shows the new receipt by itself.
        #expect(try workspace.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try tab.waitFor("document.querySelector('.status')")
        #expect(try tab.evaluate("document.querySelector('.status').innerText") as? String == "APLICADO")
        try tab.evaluate("document.querySelector('a[href=\"/receipts/2026-11-24/usuarios-2026-11.correccion-2026-11-24.csv\"]').click()")
        try tab.waitFor("location.pathname.endsWith('correccion-2026-11-24.csv') && document.readyState === 'complete'")
        let corrected = try #require(try tab.evaluate("document.body.innerText") as? String)
        #expect(corrected.contains("APLICADO") && corrected.contains("usuarios-2026-11.csv"), "\(corrected)")
        for screen in [BrowserTab.Screen.desktop, .phone] {
            try tab.resize(screen)
            try tab.open(server.base + "/receipts/2026-11-24/usuarios-2026-11.correccion-2026-11-24.csv")
            try tab.screenshot(to: output.appendingPathComponent("correction-\(screen.name).png"))
        }
        serverStatus = server.stop()
        #expect(serverStatus == 0)
    }
}

extension BrowserTab {
    /// Types text into the focused element, as a keyboard does.
    func typeText(_ text: String) throws {
        try pipe.send("Input.insertText", ["text": text], session: session)
    }

    /// Presses and releases Enter in the focused element (in a text input: sends its form).
    func pressEnter() throws {
        let key: [String: Any] = ["key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13]
        try pipe.send("Input.dispatchKeyEvent", key.merging(["type": "keyDown", "text": "\r"]) { $1 }, session: session)
        try pipe.send("Input.dispatchKeyEvent", key.merging(["type": "keyUp"]) { $1 }, session: session)
    }
}

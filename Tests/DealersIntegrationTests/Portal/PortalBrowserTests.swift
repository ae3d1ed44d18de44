import DealersTestSupport
import Foundation
import Testing

/// Where the browser test leaves its screenshots: `$DEALERS_TEST_OUTPUT/portal-browser/`, by
/// default `.build/test-output/portal-browser/` in the repository.
enum BrowserTestOutput {
    static var folder: URL {
        let base = ProcessInfo.processInfo.environment["DEALERS_TEST_OUTPUT"].map { URL(fileURLWithPath: $0) }
            ?? TestWorkspace.repository.appendingPathComponent(".build/test-output")
        return base.appendingPathComponent("portal-browser")
    }

    /// `folder/<name>`, emptied (the screenshots of the last run removed).
    static func fresh(_ name: String) throws -> URL {
        let output = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        return output
    }

    /// Whether Chromium is there; says so loudly when it is not (the test is then skipped).
    static var chromiumPresent: Bool {
        if DevToolsPipe.executable != nil { return true }
        FileHandle.standardError.write(Data("""

        ************************************************************************************
        * SKIPPED: the portal's browser test needs Debian's chromium, which is not installed.
        * scripts/setup.sh installs it when run as root: sudo scripts/setup.sh
        ************************************************************************************

        """.utf8))
        return false
    }
}

@Suite("The portal in a real browser", .serialized)
struct PortalBrowserTests {
    @Test(.enabled(if: BrowserTestOutput.chromiumPresent, "Debian's chromium is not installed (run scripts/setup.sh as root)"))
    func aDealerSignsInUploadsAUsersFileSeesItsReceiptAndDownloadsAReport() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("inbox/colectivos.csv", Samples.collectives)
        #expect(try workspace.run(["run"]).status == 0)
        let password = "una contraseña larga"
        #expect(try workspace.addPortalAccount("ana", dealer: "ACME", password: password).status == 0)

        let output = BrowserTestOutput.folder
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let server = try ServeProcess(workspace: workspace)
        var serverStatus: Int32?
        defer { if serverStatus == nil { _ = server.stop() } }
        let browser = try DevToolsPipe(executable: try #require(DevToolsPipe.executable), log: output.appendingPathComponent("chromium.log"))
        defer { browser.close() }
        let downloads = output.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        try browser.send("Browser.setDownloadBehavior", ["behavior": "allow", "downloadPath": downloads.path])
        let tab = try BrowserTab(browser)

        // Sign in.
        try tab.open(server.base + "/")
        try tab.waitFor("location.pathname === '/login'")
        try tab.screenshot(to: output.appendingPathComponent("1-sign-in.png"))
        try tab.signIn("ana", password)
        // The landing page is the dashboard (issue 34), at desktop and phone widths.
        try tab.waitFor("location.pathname === '/dashboard' && document.readyState === 'complete'")
        #expect(try tab.evaluate("!!document.querySelector('#collectives')") as? Bool == true)
        try tab.screenshot(to: output.appendingPathComponent("2-dashboard.png"))
        try tab.open(server.base + "/reports/")
        let reports = try #require(try tab.evaluate("document.body.innerText") as? String)
        #expect(try tab.evaluate("!!document.querySelector('a[href=\"/reports/users.xlsx\"]')") as? Bool == true)
        #expect(reports.contains("ana · ACME"))
        try tab.screenshot(to: output.appendingPathComponent("2-reports.png"))

        // Upload a users file through the form.
        let upload = workspace.url("to-upload/usuarios-portal.csv")
        try workspace.write("to-upload/usuarios-portal.csv", Samples.users)
        try tab.open(server.base + "/upload")
        try tab.screenshot(to: output.appendingPathComponent("3-upload.png"))
        try tab.setFile("#file", upload.path)
        try tab.evaluate("document.querySelector('form[action=\"/upload\"] button').click()")
        try tab.waitFor("location.pathname === '/upload/status' && document.getElementById('waiting')")
        #expect(workspace.exists("inbox/ACME/usuarios-portal.csv"))
        try tab.screenshot(to: output.appendingPathComponent("4-waiting.png"))

        // The watcher's work (here one run), then the page shows the receipt by itself.
        #expect(try workspace.run(["run"]).status == 65)
        try tab.waitFor("document.querySelector('.status')")
        let receipt = try #require(try tab.evaluate("document.querySelector('.status').innerText") as? String)
        #expect(receipt == "PARCIAL", "the status in the page's language (issue 34)")
        try tab.screenshot(to: output.appendingPathComponent("5-receipt.png"))
        // Its links lead to the processing's own files, in the date folders (docs/outbox.md, "Names").
        let receiptLink = try #require(try tab.evaluate("document.querySelector('table a[href^=\"/receipts/\"][href$=\".json\"]').getAttribute('href')") as? String)
        #expect(receiptLink.hasSuffix("/usuarios-portal.csv.json") && workspace.exists("outbox/ACME" + receiptLink), "\(receiptLink)")
        let errorsLink = try #require(try tab.evaluate("document.querySelector('a[href$=\".errors.csv\"]').getAttribute('href')") as? String)
        #expect(errorsLink.hasPrefix("/errors/") && workspace.exists("outbox/ACME" + errorsLink), "\(errorsLink)")
        try tab.evaluate("document.querySelector('a[href$=\".errors.csv\"]').click()")
        let errorsFile = downloads.appendingPathComponent("usuarios-portal.csv.errors.csv")
        #expect(eventually { FileManager.default.fileExists(atPath: errorsFile.path) })
        #expect(try Data(contentsOf: errorsFile) == Data(contentsOf: workspace.url("outbox/ACME" + errorsLink)))
        try tab.open(server.base + "/receipts/")
        #expect((try tab.evaluate("document.body.innerText") as? String)?.contains("usuarios-portal.csv") == true)
        try tab.screenshot(to: output.appendingPathComponent("6-receipts.png"))

        // Download a report: it arrives as a file, the same bytes as in the outbox.
        try tab.open(server.base + "/reports/")
        try tab.evaluate("document.querySelector('a[href=\"/reports/users.xlsx\"]').click()")
        let downloaded = downloads.appendingPathComponent("users.xlsx")
        #expect(eventually { FileManager.default.fileExists(atPath: downloaded.path) })
        #expect(try Data(contentsOf: downloaded) == Data(contentsOf: workspace.url("outbox/ACME/reports/users.xlsx")))
        #expect(try tab.evaluate("location.pathname") as? String == "/reports/", "the download did not replace the page")

        // The dashboard once users are there: the same numbers as the report, a chart drawn on the
        // server, at desktop and phone width (docs/images/dashboard.png is the desktop one).
        try tab.resize(.desktop)
        try tab.open(server.base + "/dashboard")
        #expect(try tab.evaluate("!!document.querySelector('figure.chart svg rect.active')") as? Bool == true)
        let report = try workspace.text("outbox/ACME/reports/collective-status.csv")
        let norte = try #require(try tab.evaluate("document.querySelector('tr[data-collective=\"NORTE\"] td:nth-child(2)').innerText") as? String)
        #expect(report.contains("NORTE;Empresa Norte;ES;SÍ;\(norte);"), "\(norte) in \(report)")
        try tab.screenshot(to: output.appendingPathComponent("7-dashboard-desktop.png"))
        let violations = try tab.seriousAccessibilityViolations()
        #expect(violations.isEmpty, "axe-core on /dashboard: \(violations)")
        try tab.resize(.phone)
        try tab.open(server.base + "/dashboard")
        try tab.screenshot(to: output.appendingPathComponent("7-dashboard-phone.png"))

        // The customer look-up: a prefix typed without the accent finds José Núñez; his page
        // shows his contract and his dependant (issue 34, item 3).
        try tab.resize(.desktop)
        try tab.open(server.base + "/users/?q=NUN")
        try tab.waitFor("!!document.querySelector('a[href=\"/users/12345678Z\"]')")
        try tab.screenshot(to: output.appendingPathComponent("8-lookup-desktop.png"))
        try tab.evaluate("document.querySelector('a[href=\"/users/12345678Z\"]').click()")
        try tab.waitFor("location.pathname === '/users/12345678Z' && document.readyState === 'complete'")
        let customer = try #require(try tab.evaluate("document.body.innerText") as? String)
        #expect(customer.contains("José Núñez") && customer.contains("23456789D") && customer.contains("NORTE"), "\(customer)")
        let customerViolations = try tab.seriousAccessibilityViolations()
        #expect(customerViolations.isEmpty, "axe-core on the customer's page: \(customerViolations)")
        try tab.screenshot(to: output.appendingPathComponent("8-customer-desktop.png"))
        try tab.resize(.phone)
        try tab.open(server.base + "/users/12345678Z")
        try tab.screenshot(to: output.appendingPathComponent("8-customer-phone.png"))

        serverStatus = server.stop()
        #expect(serverStatus == 0, "SIGTERM stops dealers serve cleanly")
    }

    @Test(.enabled(if: BrowserTestOutput.chromiumPresent, "Debian's chromium is not installed (run scripts/setup.sh as root)"))
    func eachRoleSignsInAndSeesOnlyItsOwnPages() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("inbox/colectivos.csv", Samples.collectives)
        try workspace.write("inbox/ACME/usuarios.csv", Samples.users)
        _ = try workspace.run(["run"])
        try workspace.write("inbox/ACME/vendedores.csv", "Acción;Nº Documento;Vendedor\r\nMODIFICACION;12345678Z;V01\r\n")
        _ = try workspace.run(["run"])
        let password = "una contraseña larga"
        let accounts: [(name: String, arguments: [String], links: [String], hidden: [String])] = [
            ("olga", ["--role", "master"], ["/accounts/", "/audit/", "/upload"], []),
            ("ana", ["--role", "admin", "--dealer", "ACME"], ["/upload", "/reports/payments.xlsx"], ["/accounts/", "/audit/"]),
            ("tomas", ["--role", "technician", "--dealer", "ACME"], ["/upload", "/reports/users.xlsx"], ["/accounts/", "/reports/payments.xlsx"]),
            ("vera", ["--role", "seller", "--dealer", "ACME", "--seller", "V01"], ["/upload", "/reports/users.xlsx"],
             ["/accounts/", "/reports/collective-status.xlsx"]),
        ]
        for account in accounts {
            let added = try workspace.run(["portal", "user", "add", account.name] + account.arguments
                                          + ["--email", "\(account.name)@example.es", "--password-stdin", "--cost", "4"], input: password + "\n")
            #expect(added.status == 0, "\(added.stderr)")
        }
        let output = try BrowserTestOutput.fresh("roles")
        let server = try ServeProcess(workspace: workspace)
        var serverStatus: Int32?
        defer { if serverStatus == nil { _ = server.stop() } }
        let browser = try DevToolsPipe(executable: try #require(DevToolsPipe.executable), log: output.appendingPathComponent("chromium.log"))
        defer { browser.close() }
        let tab = try BrowserTab(browser)
        for account in accounts {
            try tab.open(server.base + "/login")
            try tab.waitFor("location.pathname === '/login' && document.readyState === 'complete'")
            try tab.signIn(account.name, password)
            try tab.waitFor("location.pathname === '/dashboard' && document.readyState === 'complete'")
            try tab.open(server.base + "/reports/")
            for link in account.links {
                #expect(try tab.evaluate("!!document.querySelector('a[href=\"\(link)\"]')") as? Bool == true, "\(account.name) sees \(link)")
            }
            for link in account.hidden {
                #expect(try tab.evaluate("!!document.querySelector('a[href=\"\(link)\"]')") as? Bool == false, "\(account.name) does not see \(link)")
            }
            try tab.screenshot(to: output.appendingPathComponent("\(account.name)-reports.png"))
            if account.name == "olga" {
                try tab.open(server.base + "/accounts/")
                try tab.waitFor("document.getElementById('accounts')")
                try tab.screenshot(to: output.appendingPathComponent("olga-accounts.png"))
                try tab.open(server.base + "/audit/")
                try tab.waitFor("document.getElementById('audit')")
                try tab.screenshot(to: output.appendingPathComponent("olga-audit.png"))
            }
            // Every page the role reaches, at phone and desktop width, for a person to look at.
            var pages = ["dashboard", "reports/", "receipts/", "users/?q=a", "upload"]
            if account.name == "olga" { pages += ["accounts/", "audit/", "reversals/"] }
            for screen in [BrowserTab.Screen.phone, .desktop] {
                try tab.resize(screen)
                for page in pages {
                    try tab.open(server.base + "/" + page)
                    try tab.waitFor("document.readyState === 'complete' && !!document.querySelector('main')")
                    let name = page.replacingOccurrences(of: "/", with: "").replacingOccurrences(of: "?q=", with: "-")
                    try tab.screenshot(to: output.appendingPathComponent("\(account.name)-\(name)-\(screen.name).png"))
                    if page.hasPrefix("users/") {
                        // The reports here were written before the accounts: no look-up index yet, and the page says so.
                        let text = try tab.evaluate("document.querySelector('main').innerText") as? String
                        #expect(text?.contains("aún no está disponible") == true, "\(text ?? "")")
                    }
                    if screen.name == BrowserTab.Screen.desktop.name {
                        let violations = try tab.seriousAccessibilityViolations()
                        #expect(violations.isEmpty, "axe-core, \(account.name) on /\(page): \(violations)")
                    }
                }
            }
            try tab.resize(.phone)
            try tab.open(server.base + "/reports/")
            try tab.waitFor("document.readyState === 'complete'")
            try tab.evaluate("document.querySelector('form[action=\"/logout\"] button').click()")
            try tab.waitFor("location.pathname === '/login'")
        }
        serverStatus = server.stop()
        #expect(serverStatus == 0)
    }
}

extension BrowserTab {
    /// Fills in the sign-in form on the page and sends it.
    func signIn(_ name: String, _ password: String) throws {
        try evaluate("""
        document.getElementById('name').value = \(BrowserTab.quoted(name));
        document.getElementById('password').value = \(BrowserTab.quoted(password));
        document.querySelector('form[action="/login"] button').click();
        """)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Headless Chromium driven through the DevTools protocol over `--remote-debugging-pipe`:
/// commands are written to the browser's fd 3 and answers read from its fd 4, each a JSON
/// object ended by a NUL byte. No network port, no WebSocket.
final class DevToolsPipe {
    /// Debian's Chromium, or `CHROMIUM` from the environment; `nil` when neither is there.
    static var executable: String? {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var buffer: [UInt8] = []
    private var nextID = 0
    private let profile: URL

    /// Starts Chromium headless with a fresh profile; its own output goes to `log`.
    init(executable: String, log: URL) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-chromium-\(UUID().uuidString)")
        var commands: [Int32] = [0, 0]
        var answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw Failure(description: "pipe failed") }
        for descriptor in commands + answers { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, &argv, environ)
        Glibc.close(commands[0])
        Glibc.close(answers[1])
        guard status == 0 else {
            Glibc.close(commands[1]); Glibc.close(answers[0])
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        toBrowser = commands[1]
        fromBrowser = answers[0]
    }

    /// Sends a command and waits for its answer (events that arrive meanwhile are dropped).
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: TimeInterval = 30) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(toBrowser, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { throw Failure(description: "the browser closed its pipe") }
                offset += written
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reply = try readMessage(until: deadline)
            guard reply["id"] as? Int == id else { continue }
            if let error = reply["error"] as? [String: Any] {
                throw Failure(description: "\(method): \(error["message"] ?? error)")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage(until deadline: Date) throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return (try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any]) ?? [:]
            }
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { throw Failure(description: "no answer from the browser in time") }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(fromBrowser, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "the browser closed its pipe") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// Asks the browser to close, then ends it.
    func close() {
        _ = try? send("Browser.close", timeout: 5)
        Glibc.close(toBrowser)
        Glibc.close(fromBrowser)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: profile)
    }
}

/// One tab of the browser, with the actions the end-to-end test needs.
struct BrowserTab {
    let pipe: DevToolsPipe
    let session: String

    /// Opens a tab the size of a phone (412×915).
    init(_ pipe: DevToolsPipe) throws {
        self.pipe = pipe
        let target = try pipe.send("Target.createTarget", ["url": "about:blank"])
        guard let targetId = target["targetId"] as? String else { throw DevToolsPipe.Failure(description: "no target") }
        let attached = try pipe.send("Target.attachToTarget", ["targetId": targetId, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw DevToolsPipe.Failure(description: "no session") }
        self.session = session
        try pipe.send("Page.enable", session: session)
        try resize(.phone)
    }

    /// A screen the page is laid out for.
    struct Screen {
        let name: String, width: Int, height: Int, mobile: Bool
        static let phone = Screen(name: "phone", width: 412, height: 915, mobile: true)
        static let desktop = Screen(name: "desktop", width: 1280, height: 900, mobile: false)
    }

    /// Lays the page out for `screen` from now on.
    func resize(_ screen: Screen) throws {
        try pipe.send("Emulation.setDeviceMetricsOverride",
                      ["width": screen.width, "height": screen.height, "deviceScaleFactor": 1, "mobile": screen.mobile], session: session)
    }

    /// Evaluates an expression in the page and returns its value.
    @discardableResult
    func evaluate(_ expression: String, awaitPromise: Bool = false) throws -> Any? {
        let result = try pipe.send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": awaitPromise],
                                   session: session)
        if let exception = result["exceptionDetails"] { throw DevToolsPipe.Failure(description: "\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Navigates and waits for the page to load.
    func open(_ url: String) throws {
        try pipe.send("Page.navigate", ["url": url], session: session)
        try waitFor("document.readyState === 'complete' && location.href.startsWith(\(Self.quoted(url)).split('?')[0])")
    }

    /// Polls a condition in the page until it holds (deadline 60 s).
    func waitFor(_ condition: String, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? evaluate("!!(\(condition))")) as? Bool == true { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw DevToolsPipe.Failure(description: "timed out waiting for \(condition); page: \((try? evaluate("location.href + ' ' + document.body.innerText")) ?? "?")")
    }

    /// Chooses a file in a file input.
    func setFile(_ selector: String, _ path: String) throws {
        let result = try pipe.send("Runtime.evaluate", ["expression": "document.querySelector(\(Self.quoted(selector)))"], session: session)
        guard let objectId = (result["result"] as? [String: Any])?["objectId"] as? String else {
            throw DevToolsPipe.Failure(description: "no element \(selector)")
        }
        try pipe.send("DOM.setFileInputFiles", ["files": [path], "objectId": objectId], session: session)
    }

    /// Saves a PNG of the whole page.
    func screenshot(to url: URL) throws {
        let shot = try pipe.send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true], session: session)
        guard let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw DevToolsPipe.Failure(description: "no screenshot")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// A JavaScript string literal.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

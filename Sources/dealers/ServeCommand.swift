import ArgumentParser
import DealersCore
import DealersPortal
import Foundation
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the dealer portal (reports, receipts, uploads) over the workspace, until SIGTERM or SIGINT.",
        discussion: """
        A master account reaches outbox/ and inbox/ and every dealer's folders, and manages accounts \
        (/accounts/) and reads the audit log (/audit/); an admin reaches only outbox/<DEALER>/ \
        (reports, receipts, error files) and uploads into inbox/<DEALER>/; a technician the same \
        without payments; a seller only outbox/<DEALER>/sellers/<CODE>/. Accounts are managed with \
        `dealers portal user` or the master's /accounts/ page. The portal only reads the workspace and writes uploads \
        into the inbox: run `dealers watch` beside it to process them. Pages are in the workspace's \
        language. Scripts use API tokens (`dealers portal token create`, sent as Authorization: Bearer) or, \
        for compatibility, HTTP Basic with the same accounts (see docs/portal.md). \
        On SIGTERM or SIGINT requests in flight are finished, then the command exits 0.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var metrics: MetricsOptions

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0: every interface; put HTTPS in front).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port, printed at start).", valueName: "port"))
    var port = 8080

    @Option(name: .customLong("max-upload-mb"), help: ArgumentHelp("The largest file an upload may hold, in MiB.", valueName: "n"))
    var maxUploadMB = 20

    @Option(name: .customLong("max-waiting"), help: ArgumentHelp("Files that may wait in one inbox folder before uploads are refused.", valueName: "n"))
    var maxWaiting = 20

    @Option(name: .customLong("password-threads"), help: ArgumentHelp("Threads of their own that check passwords (bcrypt) for sign-ins and HTTP Basic (default: half the cores, at least 1).", valueName: "n"))
    var passwordThreads = PasswordCheckPolicy().threads

    @Option(name: .customLong("password-queue"), help: ArgumentHelp("Password checks that may wait for those threads; more are answered 503 with Retry-After.", valueName: "n"))
    var passwordQueue = PasswordCheckPolicy().queueLimit

    @Flag(name: .customLong("secure-cookies"), help: "Mark cookies Secure (when an HTTPS proxy serves the portal).")
    var secureCookies = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, found \(port)") }
        guard maxUploadMB > 0, maxUploadMB <= 1024 else { throw ValidationError("--max-upload-mb must be 1…1024, found \(maxUploadMB)") }
        guard (1...64).contains(passwordThreads) else { throw ValidationError("--password-threads must be 1…64, found \(passwordThreads)") }
        guard (0...10_000).contains(passwordQueue) else { throw ValidationError("--password-queue must be 0…10000, found \(passwordQueue)") }
        guard maxWaiting > 0 else { throw ValidationError("--max-waiting must be at least 1, found \(maxWaiting)") }
    }

    func run() async throws {
        let workspace: Workspace
        do {
            workspace = try options.workspace()
            // An accounts file edited by hand into something unreadable stops the start, naming
            // file:line:column, rather than signing everyone out at their first request.
            _ = try AccountBook(workspace: workspace).list()
        } catch let error as DealersError {
            FileHandle.standardError.write(Data("dealers: error: \(error.description)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        var configuration = PortalConfiguration(workspace: workspace)
        configuration.host = host
        configuration.port = port
        configuration.uploads.maxFileBytes = maxUploadMB * 1024 * 1024
        configuration.uploads.maxWaitingFiles = maxWaiting
        configuration.sessions.secureCookies = secureCookies
        configuration.passwordChecks.threads = passwordThreads
        configuration.passwordChecks.queueLimit = passwordQueue
        let logger = options.logger()
        let location: StoreLocation
        do { location = try StoreLocation.of(workspace) } catch let error as DealersError {
            FileHandle.standardError.write(Data("dealers: error: \(error.description)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        configuration.openStore = { try location.openReadOnly(logger: logger) }
        if let metricsPort = metrics.port {
            do {
                _ = try await MetricsListener.start(host: metrics.host, port: metricsPort, logger: logger,
                                                    refresh: MetricsListener.workspaceGauges(workspace, location: location, logger: logger))
            } catch let error as DealersError {
                FileHandle.standardError.write(Data("dealers: error: \(error.description)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
        let host = self.host
        let portal = Portal(configuration: configuration)
        let app = portal.application(logger: logger) { port in
            logger.info("portal listening on http://\(host):\(port)/", metadata: ["workspace": "\(workspace.root.path)"])
        }
        try await app.runService()
        logger.info("portal stopped")
    }
}

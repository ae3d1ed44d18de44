import DealersCore
import Foundation
import Hummingbird
import Logging

/// The dealer portal: a small web server over one workspace (`dealers serve`).
///
/// The folder stays the single source of truth: every page is read from the workspace when it is
/// asked for. The portal writes only an uploaded file into the visitor's inbox, the accounts a
/// master changes (`portal/users.json`) and the audit log (`portal/audit/`).
public final class Portal: Sendable {
    /// The configuration.
    public let configuration: PortalConfiguration
    /// The accounts (`portal/users.json`), read at every sign-in and request.
    let accounts: AccountBook
    /// API tokens (`portal/tokens.json`), read at every request that presents one.
    let tokens: TokenBook
    /// The tokens used since start (their first use is audited).
    let tokenUses = TokenUses()
    /// Open sessions.
    let sessions: SessionStore
    /// Failed sign-ins.
    let throttle: LoginThrottle
    /// Sign-ins, uploads, downloads and account changes (`portal/audit/`).
    let auditLog: AuditLog
    /// The password checks' own threads and bounded queue.
    let passwordChecks: PasswordChecks
    /// Texts in the workspace's language.
    let text: PortalText
    /// Sizes and dates.
    let format: Formatting
    /// The customer look-up (index and store).
    let customerLookup: CustomerLookup
    /// The dashboard's figures per reports folder, until a report changes.
    let dashboards = DashboardCache()

    /// A portal over a workspace.
    public init(configuration: PortalConfiguration) {
        self.configuration = configuration
        accounts = AccountBook(workspace: configuration.workspace)
        tokens = TokenBook(workspace: configuration.workspace)
        sessions = SessionStore(policy: configuration.sessions)
        throttle = LoginThrottle(policy: configuration.sessions)
        passwordChecks = PasswordChecks(policy: configuration.passwordChecks, hasher: accounts.hasher)
        auditLog = AuditLog(workspace: configuration.workspace)
        customerLookup = CustomerLookup(workspace: configuration.workspace, openStore: configuration.openStore, clock: configuration.clock)
        text = PortalText(language: configuration.workspace.settings.language)
        format = Formatting(language: configuration.workspace.settings.language, timeZone: configuration.workspace.settings.timeZone)
    }

    var workspace: Workspace { configuration.workspace }
    var now: Date { configuration.clock.now }

    /// The routes, with their middleware.
    public func router() -> Router<PortalContext> {
        let router = Router(context: PortalContext.self)
        router.add(middleware: SecurityHeadersMiddleware(notFound: Responses.notFound(text), apiNotFound: Responses.apiNotFound(text)))
        router.add(middleware: VisitorMiddleware(portal: self))
        SessionRoutes(portal: self).register(on: router)
        let signedIn = router.group().add(middleware: RequireVisitorMiddleware(portal: self))
        FolderRoutes(portal: self).register(on: signedIn)
        DashboardRoutes(portal: self).register(on: signedIn)
        UploadRoutes(portal: self).register(on: signedIn)
        AccountRoutes(portal: self).register(on: signedIn)
        AuditRoutes(portal: self).register(on: signedIn)
        ReversalRoutes(portal: self).register(on: signedIn)
        HeldRoutes(portal: self).register(on: signedIn)
        LookupRoutes(portal: self).register(on: signedIn)
        ReceiptAPIRoutes(portal: self).register(on: signedIn)
        ReceiptPageRoutes(portal: self).register(on: signedIn)
        return router
    }

    /// The application listening on the configured host and port.
    public func application(logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
                    logger: logger)
    }
}

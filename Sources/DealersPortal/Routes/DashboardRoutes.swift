import DealersCore
import Foundation
import Hummingbird

/// `GET /dashboard` (the landing page of every role; `/` and a sign-in lead there) and
/// `GET /api/dashboard` (the same figures as JSON, for scripts): the visitor's scope only, a
/// master's with `?dealer=CODE` as on the other pages.
struct DashboardRoutes {
    let portal: Portal

    func register(on group: RouterGroup<PortalContext>) {
        group.get("/dashboard") { request, context in
            let visitor = try context.requireVisitor()
            let scope = try FolderRoutes.scope(portal, visitor, request)
            let figures = try await figures(scope)
            return Responses.html(DashboardPage(text: portal.text, format: portal.format, visitor: visitor.header(portal.text),
                                                figures: figures, scope: scope, dealers: FolderRoutes.dealerChoice(portal, visitor)).html)
        }
        group.get("/api/dashboard") { request, context in
            let visitor = try context.requireVisitor()
            return Responses.json(try await figures(try FolderRoutes.scope(portal, visitor, request)))
        }
    }

    /// The scope's figures, read off the event loop.
    private func figures(_ scope: PortalScope) async throws -> DashboardFigures {
        let settings = portal.workspace.settings
        let cache = portal.dashboards
        let today = CivilDate(portal.now, in: settings.timeZone)
        return try await BlockingWork.run {
            var figures = cache.figures(reports: scope.reports, asOf: today) {
                DashboardFigures.read(reports: scope.reports, operator: scope.dealer == nil,
                                      seller: scope.access.role == .seller, settings: settings, asOf: today)
            }
            figures.lastFiles = ReceiptShelf(scope: scope).all().prefix(DashboardFigures.lastFileCount).map { shown in
                let summary = shown.summary
                return DashboardFigures.LastFile(date: summary.file.date, name: summary.file.name, input: summary.input,
                                                 status: summary.status, startedAt: summary.startedAt, read: summary.rows?.read,
                                                 applied: summary.rows?.applied, rejected: summary.rows?.rejected,
                                                 href: summary.file.urlPath("receipts", query: scope.linkQuery))
            }
            return figures
        }
    }
}

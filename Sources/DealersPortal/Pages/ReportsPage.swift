import Foundation

/// The list of reports (template `reports`): one row per report, with a download link (and
/// size) for each of its formats (XLSX, CSV) and the date it was last written.
struct ReportsPage {
    /// The files of one report (`users.xlsx`, `users.csv` → `users`).
    struct Report {
        var name: String
        var files: [FolderEntry]
        var modified: Date { files.map(\.modified).max() ?? Date(timeIntervalSince1970: 0) }
    }

    /// The column titles.
    struct Labels {
        let report: String
        let download: String
        let date: String
        let none: String
    }

    /// One report as the template shows it.
    struct Row {
        struct File {
            let href: String
            let name: String
            let kind: String
            let size: String
        }

        /// The report's title in the page's language, when it has one ("Usuarios").
        let reportTitle: String?
        /// The stable file name without extension (`users`).
        let name: String
        let files: [File]
        let modified: String
    }

    let labels: Labels
    let switcher: DealerSwitch
    let reports: [Row]
    private let pageTitle: String
    private let visitor: Page.Visitor
    private let text: PortalText

    /// - Parameters:
    ///   - scope: whose folder this is (for the links' `?dealer=`).
    ///   - dealers: for an operator, the dealers it may switch to.
    init(text: PortalText, format: Formatting, visitor: Page.Visitor, entries: [FolderEntry], scope: PortalScope, dealers: [String]) {
        self.text = text
        self.visitor = visitor
        switcher = DealerSwitch(text: text, path: "/reports/", current: scope.dealer, dealers: dealers)
        pageTitle = switcher.title(text.reports)
        labels = Labels(report: text.report, download: text.download, date: text.date, none: text.noReports)
        reports = Self.reports(entries).map { report in
            Row(reportTitle: text.reportTitle(report.name), name: report.name, files: report.files.map { entry in
                let kind = (entry.name as NSString).pathExtension.uppercased()
                return Row.File(href: "/reports/\(HTML.pathSegment(entry.name))\(scope.linkQuery)", name: entry.name,
                                kind: kind.isEmpty ? entry.name : kind, size: format.size(entry.size))
            }, modified: format.date(report.modified))
        }
    }

    /// Entries grouped by report name, in name order; within a report, XLSX before CSV.
    static func reports(_ entries: [FolderEntry]) -> [Report] {
        let grouped = Dictionary(grouping: entries) { ($0.name as NSString).deletingPathExtension }
        return grouped.keys.sorted().map { name in
            Report(name: name, files: (grouped[name] ?? []).sorted { rank($0.name) < rank($1.name) || (rank($0.name) == rank($1.name) && $0.name < $1.name) })
        }
    }

    private static func rank(_ name: String) -> Int {
        switch (name as NSString).pathExtension.lowercased() {
        case "xlsx": return 0
        case "csv": return 1
        default: return 2
        }
    }

    var html: String {
        Page(title: pageTitle, template: "reports", context: self, visitor: visitor, text: text).html
    }
}

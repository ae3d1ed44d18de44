import Foundation

/// The list of reports: one row per report, with a download link (and size) for each of its
/// formats (XLSX, CSV) and the date it was last written.
struct ReportsPage {
    let text: PortalText
    let format: Formatting
    let visitor: Page.Visitor
    let entries: [FolderEntry]
    /// Whose folder this is (for the links' `?dealer=`).
    let scope: PortalScope
    /// For an operator, the dealers it may switch to.
    let dealers: [String]

    private var folder: DealerSwitch { DealerSwitch(text: text, path: "/reports/", current: scope.dealer, dealers: dealers) }
    private var title: String { folder.title(text.reports) }
    private var switcher: String { folder.html }

    /// The files of one report (`users.xlsx`, `users.csv` → `users`).
    struct Report {
        var name: String
        var files: [FolderEntry]
        var modified: Date { files.map(\.modified).max() ?? Date(timeIntervalSince1970: 0) }
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
        guard !entries.isEmpty else {
            return Page(title: title, body: switcher + "<p>\(HTML.escape(text.noReports))</p>", visitor: visitor, text: text).html
        }
        var rows = ""
        for report in Self.reports(entries) {
            let links = report.files.map { entry in
                let kind = (entry.name as NSString).pathExtension.uppercased()
                return "<a href=\"/reports/\(HTML.pathSegment(entry.name))\(scope.linkQuery)\" download=\"\(HTML.escape(entry.name))\">\(HTML.escape(kind.isEmpty ? entry.name : kind))</a> "
                    + "<small>\(HTML.escape(format.size(entry.size)))</small>"
            }.joined(separator: " · ")
            rows += """
            <tr><td data-label="\(HTML.escape(text.report))"><strong>\(HTML.escape(report.name))</strong></td>\
            <td data-label="\(HTML.escape(text.download))">\(links)</td>\
            <td data-label="\(HTML.escape(text.date))">\(HTML.escape(format.date(report.modified)))</td></tr>

            """
        }
        let body = switcher + """
        <table class="cards"><thead><tr><th>\(HTML.escape(text.report))</th><th>\(HTML.escape(text.download))</th>\
        <th>\(HTML.escape(text.date))</th></tr></thead><tbody>
        \(rows)</tbody></table>
        """
        return Page(title: title, body: body, visitor: visitor, text: text).html
    }
}

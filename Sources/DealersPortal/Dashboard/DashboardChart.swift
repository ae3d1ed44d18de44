/// The dashboard's chart: per collective, a horizontal bar of its users by status (active,
/// scheduled, expired, cancelled), drawn on the server as inline SVG (template
/// `dashboardChart`; colours from the stylesheet, no script, nothing fetched).
struct DashboardChart {
    /// One coloured part of a bar.
    struct Segment {
        let kind: String
        let label: String
        let value: Int
        let x: Int
        let width: Int
    }

    /// One collective's bar.
    struct Bar {
        let label: String
        let y: Int
        let textY: Int
        let total: Int
        let totalX: Int
        let segments: [Segment]
    }

    /// One entry of the legend.
    struct Key {
        let kind: String
        let label: String
        let x: Int
    }

    let title: String
    let width: Int
    let height: Int
    let bars: [Bar]
    let legend: [Key]
    let legendY: Int
    let legendTextY: Int

    static let labelWidth = 110, barArea = 360, barHeight = 22, gap = 10, legendHeight = 30

    /// `nil` when there is nothing to draw (no collective has users).
    init?(title: String, collectives: [DashboardFigures.Collective], text: PortalText) {
        let kinds: [(kind: String, label: String, value: (DashboardFigures.Collective) -> Int)] = [
            ("active", text.activeUsers, \.active), ("scheduled", text.scheduledUsers, \.scheduled),
            ("expired", text.expiredUsers, \.expired), ("cancelled", text.cancelledUsers, \.cancelled),
        ]
        let totals = collectives.map { c in kinds.reduce(0) { $0 + $1.value(c) } }
        guard let most = totals.max(), most > 0 else { return nil }
        self.title = title
        width = Self.labelWidth + Self.barArea + 60
        bars = collectives.enumerated().map { index, collective in
            let y = index * (Self.barHeight + Self.gap)
            var x = Self.labelWidth
            let segments = kinds.compactMap { kind -> Segment? in
                let value = kind.value(collective)
                guard value > 0 else { return nil }
                let width = max(1, value * Self.barArea / most)
                defer { x += width }
                return Segment(kind: kind.kind, label: kind.label, value: value, x: x, width: width)
            }
            return Bar(label: collective.code, y: y, textY: y + Self.barHeight * 2 / 3, total: totals[index], totalX: x + 6, segments: segments)
        }
        legendY = collectives.count * (Self.barHeight + Self.gap) + 4
        legendTextY = legendY + 11
        legend = kinds.enumerated().map { index, kind in Key(kind: kind.kind, label: kind.label, x: index * 120) }
        height = legendY + Self.legendHeight
    }
}

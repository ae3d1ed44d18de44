import DealersCore
import Foundation

/// Links of the portal's pages (escaping is the templates', ``PortalTemplates``; the frame is the `layout` template, ``Page``).
enum HTML {
    /// A path segment percent-encoded for a link (`/reports/<this>`).
    static func pathSegment(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query value percent-encoded.
    static func queryValue(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#%")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}


import Foundation
import DealersModel

/// The folders of one workspace (§2) and the settings that go with it.
public struct Workspace: Sendable {
    /// The workspace root.
    public let root: URL
    /// Settings from `dealers.json`.
    public let settings: Settings

    /// Opens a workspace at `root`, loading its settings.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        settings = try Settings.load(root: self.root)
    }

    /// `layouts/`.
    public var layouts: URL { root.appendingPathComponent("layouts") }
    /// `inbox/`.
    public var inbox: URL { root.appendingPathComponent("inbox") }
    /// `store/`.
    public var store: URL { root.appendingPathComponent("store") }
    /// The portal's folder (accounts, tokens, audit log, customer look-up).
    public var portal: URL { root.appendingPathComponent("portal") }
    /// The portal's accounts, `portal/users.json`: a workspace without it has no portal users.
    public var portalAccounts: URL { portal.appendingPathComponent("users.json") }

    /// `outbox/` for the operator, `outbox/<DEALER>/` for a dealer.
    public func outbox(dealer: String?) -> URL {
        let base = root.appendingPathComponent("outbox")
        return dealer.map { base.appendingPathComponent($0) } ?? base
    }

    /// `outbox/<DEALER>/sellers/<CODE>/`: a seller's cut of their dealer's outbox.
    public func outbox(dealer: String, seller: String) -> URL {
        outbox(dealer: dealer).appendingPathComponent("sellers").appendingPathComponent(seller)
    }

    /// `inbox/` for the operator, `inbox/<DEALER>/` for a dealer.
    public func inbox(dealer: String?) -> URL {
        dealer.map { inbox.appendingPathComponent($0) } ?? inbox
    }

    /// `archive/<DEALER or _operator>/<date>/`.
    public func archive(dealer: String?, date: CivilDate) -> URL {
        root.appendingPathComponent("archive").appendingPathComponent(dealer ?? "_operator")
            .appendingPathComponent(date.description)
    }
}

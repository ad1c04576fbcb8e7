import Foundation
import Synchronization

/// The process-wide "stop what you are doing" flag.
///
/// Set by a signal (SIGINT, SIGTERM, SIGHUP), by the parent going away (the pushing git client
/// or the ssh session died), or by a write to a closed terminal. Long operations poll it:
/// libcurl transfers abort through their progress callback, waits check it between polls.
public final class Cancellation: Sendable {
    /// The one flag of this process.
    public static let shared = Cancellation()

    private let state = Mutex<String?>(nil)

    /// Creates an independent flag (tests).
    public init() {}

    /// Why the work was cancelled, or nil while it goes on.
    public var reason: String? { state.withLock { $0 } }

    /// Whether the work should stop.
    public var isCancelled: Bool { reason != nil }

    /// Marks the work as cancelled; the first reason wins.
    public func cancel(_ reason: String) {
        state.withLock { if $0 == nil { $0 = reason } }
    }

    /// Throws `CancelledError` when cancelled.
    public func check() throws {
        if let reason { throw CancelledError(reason: reason) }
    }
}

/// Thrown by work that stopped because the process was asked to stop.
public struct CancelledError: Error, CustomStringConvertible {
    /// What asked it to stop ("SIGINT", "the git client went away").
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "interrupted (\(reason))" }
}

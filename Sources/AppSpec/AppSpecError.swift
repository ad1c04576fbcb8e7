/// Input that paas cannot accept: an app name, Procfile, app.json, config pair, domain,
/// scale argument. `description` is the one line shown to the user.
public struct AppSpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What was wrong and what is expected.
    public let message: String

    /// An error with `message` as its one line.
    public init(_ message: String) { self.message = message }

    /// The one line shown to the user.
    public var description: String { message }
}

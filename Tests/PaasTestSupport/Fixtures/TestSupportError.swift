/// A failure of the test scaffolding itself (a daemon that would not start, a missing tool).
public struct TestSupportError: Error, CustomStringConvertible {
    /// What went wrong, in one line.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

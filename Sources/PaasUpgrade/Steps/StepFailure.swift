/// A step's command failed: what ran and what it said.
public struct StepFailure: Error, CustomStringConvertible {
    public let command: String
    public let output: String

    public init(command: String, output: String) {
        self.command = command
        self.output = output
    }

    public var description: String {
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        return "`\(command)` failed" + (last.isEmpty ? "" : ": \(last)")
    }
}

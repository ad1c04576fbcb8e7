import Foundation

/// What went wrong talking to the Docker Engine, in words a user can act on.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    /// The daemon's socket did not answer.
    case unreachable(socket: String, detail: String)
    /// The engine answered with an error status and its `{"message": ...}`.
    case api(status: Int, message: String)
    /// A build stopped with an error (a failing RUN step, a bad Dockerfile).
    case buildFailed(String)
    /// A push to a registry stopped with an error (the image reference and the engine's message).
    case pushFailed(image: String, message: String)
    /// The transfer was stopped because the work was cancelled (the reason).
    case cancelled(String)
    /// A response did not have the expected shape.
    case decoding(what: String, detail: String)
    /// The transport cannot do what was asked (a fake transport asked to attach).
    case unsupported(String)
    /// libcurl, which talks to the daemon, cannot be loaded on this machine (the loader's reason).
    case libraryUnavailable(String)

    public var description: String {
        switch self {
        case .unreachable(let socket, let detail):
            return oneLine("cannot reach the Docker daemon at \(socket) (\(detail)): is dockerd running?")
        case .api(let status, let message):
            return oneLine("Docker Engine error \(status): \(message)")
        case .buildFailed(let message):
            return oneLine("image build failed: \(message)")
        case .pushFailed(let image, let message):
            return oneLine("pushing \(image) failed: \(message)")
        case .cancelled(let reason):
            return oneLine("Docker request interrupted (\(reason))")
        case .decoding(let what, let detail):
            return oneLine("unexpected answer from the Docker Engine for \(what): \(detail)")
        case .unsupported(let what):
            return oneLine("this Docker Engine connection cannot \(what)")
        case .libraryUnavailable(let reason):
            return oneLine(reason)
        }
    }
}

/// Folds a multi-line message (engine messages often end in a newline) onto one line.
private func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }.joined(separator: " ")
}

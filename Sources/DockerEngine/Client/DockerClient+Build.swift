import Foundation
import PaasSupport

extension DockerClient {
    /// Builds an image from a tar build context with a Dockerfile (classic builder); returns its id.
    ///
    /// Intermediate containers are removed whether the build succeeds or fails.
    /// `onOutput` is called for each progress message as it arrives. A failing step throws
    /// `EngineError.buildFailed` with the engine's message.
    public func buildImage(context: ByteSource, options: BuildOptions, onOutput: (BuildOutput) -> Void) throws
        -> String
    {
        var query: [(String, String)] = [
            ("t", options.tag), ("dockerfile", options.dockerfile), ("rm", "1"), ("forcerm", "1"),
        ]
        if options.noCache { query.append(("nocache", "1")) }
        if options.pull { query.append(("pull", "1")) }
        if !options.buildArgs.isEmpty { query.append(("buildargs", try jsonText(options.buildArgs))) }
        if !options.labels.isEmpty { query.append(("labels", try jsonText(options.labels))) }

        var failure: String?
        var imageID: String?
        try withoutActuallyEscaping(onOutput) { onOutput in
            var splitter = LineSplitter()
            let handle = { (line: [UInt8]) in
                guard let message = try? JSONDecoder().decode(ProgressMessage.self, from: Data(line)) else {
                    onOutput(.stream(String(decoding: line, as: UTF8.self) + "\n"))
                    return
                }
                if let error = message.errorText {
                    failure = error
                } else if let id = message.aux?.ID {
                    imageID = id
                } else if let text = message.stream {
                    onOutput(.stream(text))
                } else if let text = message.status {
                    onOutput(.status(text))
                }
            }
            try send(
                "POST", "/build", query: query, headers: ["Content-Type": "application/x-tar"],
                body: .stream(context), onChunk: { splitter.feed($0, handle) })
            splitter.finish(handle)
        }
        if let failure { throw EngineError.buildFailed(failure) }
        if let imageID { return imageID }
        guard let image = try inspectImage(options.tag) else {
            throw EngineError.buildFailed("the engine reported success but \(options.tag) does not exist")
        }
        return image.id
    }
}

/// One message of Docker's JSON progress streams (build, import, pull).
struct ProgressMessage: Decodable {
    struct Detail: Decodable { var message: String? }
    // Names mirror Docker's JSON keys.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Aux: Decodable { var ID: String? }
    var stream: String?
    var status: String?
    var error: String?
    var errorDetail: Detail?
    var aux: Aux?

    /// The error this message carries, if any.
    var errorText: String? {
        if let message = errorDetail?.message, !message.isEmpty { return message }
        return error
    }
}

/// A value as compact JSON text (for query parameters such as `buildargs`).
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

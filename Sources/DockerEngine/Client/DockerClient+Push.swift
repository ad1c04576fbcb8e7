import Foundation

extension DockerClient {
    /// The `X-Registry-Auth` value for a registry without authentication: base64url of `{}`.
    public static let anonymousRegistryAuth = registryAuth(json: [:])

    /// The `X-Registry-Auth` value for `username` and `password` at `serverAddress`.
    public static func registryAuth(username: String, password: String, serverAddress: String) -> String {
        registryAuth(json: ["username": username, "password": password, "serveraddress": serverAddress])
    }

    /// Base64url (with padding, as the Engine decodes it) of the JSON object `json`.
    static func registryAuth(json: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(json)) ?? Data("{}".utf8)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    /// Pushes the local image `repository:tag` to the registry its name points at
    /// (`10.0.0.1:5000/app/web`) and returns the manifest digest the registry stored
    /// ("sha256:…"), which names exactly this image there.
    ///
    /// `onProgress` gets each status line as it arrives ("Pushed", "t1: digest: …"). An error in
    /// the stream throws `EngineError.pushFailed`; a missing image throws `EngineError.api` (404).
    @discardableResult
    public func pushImage(
        _ repository: String, tag: String, registryAuth: String = DockerClient.anonymousRegistryAuth,
        onProgress: (String) -> Void = { _ in }
    ) throws -> String {
        let reference = "\(repository):\(tag)"
        var failure: String?
        var digest: String?
        try withoutActuallyEscaping(onProgress) { onProgress in
            var splitter = LineSplitter()
            let handle = { (line: [UInt8]) in
                guard let message = try? JSONDecoder().decode(PushMessage.self, from: Data(line)) else { return }
                if let error = message.errorText {
                    failure = error
                } else if let pushed = message.aux?.Digest {
                    digest = pushed
                } else if let status = message.status {
                    onProgress(message.id.map { "\($0): \(status)" } ?? status)
                }
            }
            try send(
                "POST", "/images/\(segment(repository))/push", query: [("tag", tag)],
                headers: ["X-Registry-Auth": registryAuth], onChunk: { splitter.feed($0, handle) })
            splitter.finish(handle)
        }
        if let failure { throw EngineError.pushFailed(image: reference, message: failure) }
        guard let digest, digest.hasPrefix("sha256:") else {
            throw EngineError.decoding(what: "the push of \(reference)", detail: "no manifest digest in the answer")
        }
        return digest
    }
}

/// One message of the push progress stream; the last carries `aux` with the digest.
private struct PushMessage: Decodable {
    // Names mirror Docker's JSON keys.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Aux: Decodable {
        var Tag: String?
        var Digest: String?
    }
    struct Detail: Decodable { var message: String? }
    var id: String?
    var status: String?
    var error: String?
    var errorDetail: Detail?
    var aux: Aux?

    var errorText: String? {
        if let message = errorDetail?.message, !message.isEmpty { return message }
        return error
    }
}

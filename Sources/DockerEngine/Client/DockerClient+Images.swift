import Foundation
import PaasSupport

extension DockerClient {
    /// The image `ref` (a name:tag or an id), or nil when there is none.
    public func inspectImage(_ ref: String) throws -> ImageInspect? {
        let response = try send("GET", "/images/\(segment(ref))/json", tolerating: [404])
        if response.status == 404 { return nil }
        return ImageInspect(try decode(ImageInspect.Wire.self, response, what: "image \(ref)"))
    }

    /// Gives the image `ref` the name `repository:tag`.
    public func tagImage(_ ref: String, repository: String, tag: String) throws {
        try send("POST", "/images/\(segment(ref))/tag", query: [("repo", repository), ("tag", tag)])
    }

    /// Removes the image `ref`; false when there was none.
    @discardableResult
    public func removeImage(_ ref: String, force: Bool = false) throws -> Bool {
        let response = try send(
            "DELETE", "/images/\(segment(ref))", query: [("force", force ? "1" : "0")], tolerating: [404])
        return response.status != 404
    }

    /// The images carrying all of `labels` (every image when empty).
    public func listImages(labels: [String: String]) throws -> [ImageSummary] {
        let response = try send("GET", "/images/json", query: Self.labelFilter(labels))
        return try decode([ImageSummary.Wire].self, response, what: "the image list").map(ImageSummary.init)
    }

    /// Makes an image from a root filesystem tar (`docker import`); returns its id.
    ///
    /// `changes` are Dockerfile instructions applied to it, such as "LABEL k=v" or "CMD [\"sh\"]".
    public func importImage(
        archive: ByteSource, repository: String, tag: String, changes: [String] = []
    ) throws -> String {
        var query = [("fromSrc", "-"), ("repo", repository), ("tag", tag)]
        query += changes.map { ("changes", $0) }
        var failure: String?
        var splitter = LineSplitter()
        try send(
            "POST", "/images/create", query: query, headers: ["Content-Type": "application/x-tar"],
            body: .stream(archive)
        ) { chunk in
            splitter.feed(chunk) { line in
                if let message = try? JSONDecoder().decode(ProgressMessage.self, from: Data(line)),
                    let error = message.errorText
                {
                    failure = error
                }
            }
        }
        if let failure { throw EngineError.api(status: 500, message: failure) }
        guard let image = try inspectImage("\(repository):\(tag)") else {
            throw EngineError.decoding(what: "image import", detail: "\(repository):\(tag) is missing afterwards")
        }
        return image.id
    }
}

// MARK: - Image archives

extension DockerClient {
    /// Streams a tar archive of the images `refs` (names or ids, with their layers and tags), as
    /// `docker save` writes it; `onChunk` gets the archive piece by piece as it arrives.
    public func exportImages(_ refs: [String], onChunk: (UnsafeRawBufferPointer) -> Void) throws {
        try withoutActuallyEscaping(onChunk) { onChunk in
            _ = try send("GET", "/images/get", query: refs.map { ("names", $0) }, onChunk: onChunk)
        }
    }

    /// Loads the images in a tar archive made by `exportImages` (or `docker save`), read from
    /// `archive` as it is sent; returns what the engine reports as loaded ("name:tag", or an
    /// image id for an untagged image).
    @discardableResult
    public func loadImages(archive: ByteSource) throws -> [String] {
        var failure: String?
        var loaded: [String] = []
        var splitter = LineSplitter()
        let handle = { (line: [UInt8]) in
            guard let message = try? JSONDecoder().decode(ProgressMessage.self, from: Data(line)) else { return }
            if let error = message.errorText {
                failure = error
            } else if let text = message.stream {
                for prefix in ["Loaded image: ", "Loaded image ID: "] where text.hasPrefix(prefix) {
                    loaded.append(text.dropFirst(prefix.count).trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
        }
        try send(
            "POST", "/images/load", query: [("quiet", "1")], headers: ["Content-Type": "application/x-tar"],
            body: .stream(archive), onChunk: { splitter.feed($0, handle) })
        splitter.finish(handle)
        if let failure { throw EngineError.api(status: 500, message: failure) }
        return loaded
    }
}

import DockerEngine
import Foundation
import Synchronization

/// A fake Docker Engine that keeps images and containers the way the real one counts
/// references: `DELETE /images/NAME:TAG` untags while other tags remain, deletes the image with
/// its last tag, and refuses (409) to drop a last tag that a container runs; `DELETE
/// /images/ID?force=1` drops every tag, refused (409) while a running container uses the image.
final class ImageStoreEngine: EngineTransport {
    struct Container {
        var id: String
        var image: String
        var app: String
        var running: Bool
    }

    struct State {
        /// Image id -> its tags.
        var images: [String: [String]] = [:]
        var containers: [Container] = []
        var deletes: [String] = []
    }

    let state: Mutex<State>

    init(images: [String: [String]], containers: [Container]) {
        state = Mutex(State(images: images, containers: containers))
    }

    /// The tags of image `id`, or nil when it is gone.
    func tags(of id: String) -> [String]? { state.withLock { $0.images[id] } }

    func perform(_ request: EngineRequest, onChunk: ((UnsafeRawBufferPointer) -> Void)?) throws -> EngineResponse {
        let response = answer(request)
        guard let onChunk, response.status < 400 else { return response }
        response.body.withUnsafeBytes(onChunk)
        return EngineResponse(status: response.status, body: [])
    }

    private func answer(_ request: EngineRequest) -> EngineResponse {
        let path = request.path.removingPercentEncoding ?? request.path
        let filters = request.query.first { $0.0 == "filters" }?.1 ?? ""
        let force = request.query.contains { $0 == ("force", "1") }
        return state.withLock { s in
            switch (request.method, path) {
            case ("GET", "/images/json"):
                // Built images carry only the install's labels, never paas.app.
                if filters.contains("paas.app") { return Self.json("[]") }
                let list = s.images.map { id, tags in #"{"Id":"\#(id)","RepoTags":\#(Self.array(tags))}"# }
                return Self.json("[" + list.joined(separator: ",") + "]")
            case ("GET", "/containers/json"):
                let list = s.containers.filter { filters.contains("paas.app=\($0.app)") }.map { c in
                    #"{"Id":"\#(c.id)","Image":"\#(c.image)","State":"\#(c.running ? "running" : "exited")","Labels":{"paas.app":"\#(c.app)"}}"#
                }
                return Self.json("[" + list.joined(separator: ",") + "]")
            case ("GET", "/volumes"):
                return Self.json(#"{"Volumes":[]}"#)
            case ("POST", let p) where p.hasPrefix("/images/") && p.hasSuffix("/tag"):
                let ref = String(p.dropFirst("/images/".count).dropLast("/tag".count))
                let name =
                    (request.query.first { $0.0 == "repo" }?.1 ?? "") + ":"
                    + (request.query.first { $0.0 == "tag" }?.1 ?? "")
                guard let id = s.images[ref] != nil ? ref : s.images.first(where: { $0.value.contains(ref) })?.key
                else {
                    return EngineResponse(status: 404, body: Array(#"{"message":"no such image"}"#.utf8))
                }
                for other in s.images.keys { s.images[other]?.removeAll { $0 == name } }
                s.images[id, default: []].append(name)
                return EngineResponse(status: 201, body: [])
            case ("DELETE", let p) where p.hasPrefix("/containers/"):
                s.containers.removeAll { $0.id == String(p.dropFirst("/containers/".count)) }
                return EngineResponse(status: 204, body: [])
            case ("DELETE", let p) where p.hasPrefix("/images/"):
                let ref = String(p.dropFirst("/images/".count))
                s.deletes.append(ref + (force ? " force" : ""))
                return Self.delete(ref, force: force, in: &s)
            default:
                return EngineResponse(status: 404, body: Array(#"{"message":"no route \#(path)"}"#.utf8))
            }
        }
    }

    private static func delete(_ ref: String, force: Bool, in s: inout State) -> EngineResponse {
        func uses(_ id: String, running: Bool) -> Bool {
            s.containers.contains { c in
                (c.image == id || s.images[id]?.contains(c.image) == true) && (c.running || !running)
            }
        }
        if let id = s.images.first(where: { $0.value.contains(ref) })?.key {
            let tags = s.images[id]!
            if tags.count > 1 {
                s.images[id] = tags.filter { $0 != ref }
                return EngineResponse(status: 200, body: [])
            }
            if uses(id, running: false) && !force { return conflict("container is using its referenced image") }
            s.images[id] = nil
            return EngineResponse(status: 200, body: [])
        }
        guard s.images[ref] != nil else {
            return EngineResponse(status: 404, body: Array(#"{"message":"no such image"}"#.utf8))
        }
        if uses(ref, running: true) { return conflict("image is being used by running container") }
        if !force && s.images[ref]!.count > 1 { return conflict("image is referenced in multiple repositories") }
        s.images[ref] = nil
        return EngineResponse(status: 200, body: [])
    }

    private static func conflict(_ message: String) -> EngineResponse {
        EngineResponse(status: 409, body: Array(#"{"message":"conflict: \#(message)"}"#.utf8))
    }

    private static func json(_ text: String) -> EngineResponse { EngineResponse(status: 200, body: Array(text.utf8)) }

    private static func array(_ tags: [String]) -> String {
        "[" + tags.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}

extension DockerClient {
    /// Attaches to a container's stdin, stdout and stderr, and stays until its process ends.
    ///
    /// `whenAttached` is called once the engine has attached (start the container there, so
    /// no early output is lost). Then `stdin` (a file descriptor, when given) is copied to the
    /// container and its end is passed on as end of input (create the container with
    /// `openStdin` and `stdinOnce`), and output is handed to `onOutput` as it arrives: told
    /// apart into stdout and stderr, or all as `.stdout` when the container has a `tty`.
    /// Returns when the container's output ends; throws `EngineError.cancelled` when the
    /// transport's cancellation is set.
    public func attachContainer(
        _ id: String, stdin: Int32?, tty: Bool, onOutput: (LogStream, [UInt8]) -> Void,
        whenAttached: () throws -> Void
    ) throws {
        let query = [("stream", "1"), ("stdin", stdin == nil ? "0" : "1"), ("stdout", "1"), ("stderr", "1")]
        let request = EngineRequest(
            method: "POST", path: "/containers/\(segment(id))/attach", apiVersion: apiVersion, query: query,
            headers: ["Upgrade": "tcp", "Connection": "Upgrade"])
        var demuxer = LogDemuxer()
        let response = try transport.performHijacked(request, stdin: stdin, whenUpgraded: whenAttached) { chunk in
            if tty {
                onOutput(.stdout, Array(chunk))
            } else {
                demuxer.feed(chunk, onOutput)
            }
        }
        if response.status >= 300 {
            throw EngineError.api(status: response.status, message: Self.errorMessage(response))
        }
    }
}

extension DockerClient {
    /// Hands over a container's output, chunk by chunk as the engine sends it.
    ///
    /// With `follow`, keeps going until the container stops (or the transfer is cancelled).
    /// `tail` limits it to the last lines. Without a tty, stdout and stderr are told apart.
    public func containerLogs(
        _ id: String, follow: Bool, tail: Int?, timestamps: Bool = false,
        onOutput: (LogStream, [UInt8]) -> Void
    ) throws {
        guard let container = try inspectContainer(id) else {
            throw EngineError.api(status: 404, message: "No such container: \(id)")
        }
        let query = [
            ("stdout", "1"), ("stderr", "1"), ("follow", follow ? "1" : "0"),
            ("timestamps", timestamps ? "1" : "0"), ("tail", tail.map(String.init) ?? "all"),
        ]
        try withoutActuallyEscaping(onOutput) { onOutput in
            var demuxer = LogDemuxer()
            let tty = container.config.tty
            try send("GET", "/containers/\(segment(id))/logs", query: query) { chunk in
                if tty {
                    onOutput(.stdout, Array(chunk))
                } else {
                    demuxer.feed(chunk, onOutput)
                }
            }
        }
    }
}

import PaasSupport

/// Runs processes with `PAAS_BIN_DIR` set, whatever the runner passes on from its environment.
struct BinDirRunner: ProcessRunner {
    let directory: String
    func run(_ spec: ProcessSpec) throws -> ProcessResult {
        var spec = spec
        spec.environment?["PAAS_BIN_DIR"] = directory
        return try PosixProcessRunner(cancellation: nil).run(spec)
    }
}

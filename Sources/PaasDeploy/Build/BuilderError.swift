/// A builder-image build went wrong.
public enum BuilderError: Error, CustomStringConvertible, Equatable {
    case missingImage(String)
    case noBuildCommand(String)
    case noWorkspace(String)
    case noStartCommand(app: String, builder: String)
    case failed(app: String, status: Int)

    public var description: String {
        switch self {
        case .missingImage(let ref):
            return "builder image \(ref) is not on this host: make it with scripts/make-builder-image.sh or set another with builder:set APP image REF"
        case .noBuildCommand(let ref):
            return "builder image \(ref) declares no build command: give it a Cmd or the label paas.builder.build (see docs/builders.md)"
        case .noWorkspace(let ref):
            return "builder image \(ref) has no /workspace directory to build in (see docs/builders.md)"
        case .noStartCommand(let app, let builder):
            return "\(app) has nothing to run: add a Procfile with a web process, or use a builder that declares paas.builder.start (\(builder) does not)"
        case .failed(let app, let status):
            return "build of \(app) failed: the builder exited with status \(status)"
        }
    }
}

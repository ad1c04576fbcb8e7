/// A builder-image build or a `builder:*` setting went wrong.
public enum BuilderError: Error, CustomStringConvertible, Equatable {
    case missingImage(String)
    case noBuildCommand(String)
    case noWorkspace(String)
    case noStartCommand(app: String, builder: String)
    case failed(app: String, status: Int)
    case unknownKey(String)
    case badValue(key: String, value: String, expected: String)

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
        case .unknownKey(let key):
            return "unknown builder setting '\(key)'; expected one of: \(BuilderSettings.keys.joined(separator: ", "))"
        case .badValue(let key, let value, let expected):
            return "builder setting \(key) cannot be '\(value)': expected \(expected)"
        }
    }
}

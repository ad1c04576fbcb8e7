/// A storage command or mount that cannot be done, in the user's words.
public enum StorageError: Error, CustomStringConvertible, Equatable {
    case badName(String)
    case badMount(String)
    case badContainerPath(String)
    case reservedPath(String)
    case noDirectory(String)
    case notInside(String)
    case notMounted(String, app: String)
    case alreadyMounted(String, app: String)

    public var description: String {
        switch self {
        case .badName(let name):
            return "invalid storage name '\(name)': expected 1 to 63 lowercase letters, digits, '-', '_' or '.', "
                + "starting with a letter or digit"
        case .badMount(let text):
            return "invalid mount '\(text)': expected NAME:/container/path (NAME from storage:ensure-directory)"
        case .badContainerPath(let path):
            return "invalid container path '\(path)': expected an absolute path without '..', ':' or spaces"
        case .reservedPath(let path):
            return "container path '\(path)' is a system folder; mount storage elsewhere, such as /data"
        case .noDirectory(let name):
            return "no storage directory '\(name)'; create it first with storage:ensure-directory \(name)"
        case .notInside(let name):
            return "storage directory '\(name)' is not a plain folder under the storage folder; refusing to mount it"
        case .notMounted(let mount, let app):
            return "\(app) has no mount \(mount) (storage:report \(app) lists them)"
        case .alreadyMounted(let path, let app):
            return "\(app) already mounts something at \(path); storage:unmount it first"
        }
    }
}

import Foundation

/// Where this executable lives: its siblings (`paas`, `paas-pre-receive`, `paas-nginx`) are
/// installed beside it.
public enum Executable {
    /// The running executable, absolute.
    public static var path: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
    /// The directory of the running executable.
    public static var directory: String { (path as NSString).deletingLastPathComponent }
}

/// The version of paas.
public enum PaasVersion {
    /// The version compiled into this tree; a release bundle may stamp another (`ReleaseStamp`).
    public static let compiled = "0.1.0"
    /// The version of the running binaries: the stamp beside them, else the compiled one.
    public static var current: String { ReleaseStamp.beside.version ?? compiled }
}

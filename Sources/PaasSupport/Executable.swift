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
    public static let current = "0.1.0"
}

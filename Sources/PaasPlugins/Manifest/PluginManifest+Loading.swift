import Foundation
import PaasPluginKit

#if canImport(Glibc)
    import Glibc
#endif

extension PluginManifest {
    /// The manifest's file name inside a plugin folder.
    public static let fileName = "plugin.json"

    /// Reads and validates `directory/plugin.json`.
    ///
    /// - Parameter reserved: command names that belong to paas itself and may not be taken.
    public static func load(fromDirectory directory: String, reserved: Set<String> = []) throws -> PluginManifest {
        let label = (directory as NSString).lastPathComponent
        let file = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PluginError.noManifest(directory: directory)
        }
        let manifest: PluginManifest
        do {
            manifest = try JSONDecoder().decode(PluginManifest.self, from: data)
        } catch let error as DecodingError {
            throw PluginError.unreadableManifest(plugin: label, detail: Self.explain(error))
        }
        try manifest.validate(in: directory, reserved: reserved)
        return manifest
    }

    /// Checks the manifest's rules against the plugin's folder; throws the first problem found.
    public func validate(in directory: String, reserved: Set<String> = []) throws {
        func fail(_ problem: String) -> PluginError { .invalid(plugin: name, problem: problem) }
        guard Self.isValidName(name) else {
            throw PluginError.invalid(
                plugin: name, problem: "bad name: use lower case letters, digits and dashes, starting with a letter")
        }
        guard !version.isEmpty else { throw fail("version is empty") }
        guard `protocol` == PluginProtocol.version else {
            throw fail("speaks protocol \(`protocol`), this paas speaks protocol \(PluginProtocol.version)")
        }
        for (trigger, entry) in triggers.sorted(by: { $0.key < $1.key }) {
            guard TriggerCatalog.named(trigger) != nil else {
                throw fail("unknown trigger '\(trigger)' (known: \(TriggerCatalog.all.map(\.name).joined(separator: ", ")))")
            }
            guard entry.timeout > 0, entry.timeout <= 3600 else {
                throw fail("trigger '\(trigger)': timeout must be between 0 and 3600 seconds")
            }
            if entry.prestart, !PluginProtocol.prestartTriggers.contains(trigger) {
                throw fail(
                    "trigger '\(trigger)': prestart is only for \(PluginProtocol.prestartTriggers.sorted().joined(separator: ", "))")
            }
            try checkExecutable(entry.run, for: "trigger '\(trigger)'", in: directory)
        }
        for (command, entry) in commands.sorted(by: { $0.key < $1.key }) {
            guard Self.isValidCommandName(command) else {
                throw fail("bad command name '\(command)': expected prefix:verb in lower case, like \(name):status")
            }
            guard !reserved.contains(command) else { throw fail("command '\(command)' is built into paas") }
            if let t = entry.timeout, t <= 0 { throw fail("command '\(command)': timeout must be positive") }
            if let app = entry.app, !(1...32).contains(app) {
                throw fail("command '\(command)': app must be the position of the app argument, 1 to 32 (got \(app))")
            }
            if entry.role != nil, entry.app == nil {
                throw fail("command '\(command)': role needs app (which argument names the app it applies to)")
            }
            try checkExecutable(entry.run, for: "command '\(command)'", in: directory)
        }
    }

    /// Whether `name` is a valid plugin name.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Whether `name` is a valid command name: two valid names joined by a colon.
    public static func isValidCommandName(_ name: String) -> Bool {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { isValidName(String($0)) }
    }

    // MARK: - Helpers

    private func checkExecutable(_ run: String, for what: String, in directory: String) throws {
        func fail(_ problem: String) -> PluginError { .invalid(plugin: name, problem: "\(what): \(problem)") }
        guard !run.isEmpty, !run.hasPrefix("/"), !run.split(separator: "/").contains("..") else {
            throw fail("run path '\(run)' must be relative and stay inside the plugin folder")
        }
        let base = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: base + "/" + run).resolvingSymlinksInPath().path
        guard target.hasPrefix(base + "/") else {
            throw fail("run path '\(run)' leads outside the plugin folder")
        }
        var info = stat()
        guard stat(target, &info) == 0 else { throw fail("'\(run)' does not exist") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw fail("'\(run)' is not a regular file") }
        guard info.st_mode & 0o111 != 0 else { throw fail("'\(run)' is not executable (chmod +x \(run))") }
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : "'" + keys.joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "missing field '\(key.stringValue)'\(at)"
        case .typeMismatch(let type, let context): return "\(path(context)) should be \(describe(type))"
        case .valueNotFound(let type, let context): return "\(path(context)) should be \(describe(type)), not null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "\(path(context)) is invalid"
        @unknown default: return "invalid"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "an object"
        }
    }
}

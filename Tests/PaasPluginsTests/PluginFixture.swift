import Foundation
import PaasPlugins
import PaasSupport

/// A temp state root and helpers that make tiny sh plugins in it.
struct PluginFixture {
    let base: String
    let root: StateRoot

    init() throws {
        base = NSTemporaryDirectory() + "paas-plugins-" + UUID().uuidString
        root = StateRoot(path: base + "/root")
        try root.prepare()
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }

    /// Writes a plugin folder under `base/src/NAME` with `manifest` and executables `files`
    /// (path → sh script body) and returns its path.
    @discardableResult
    func makePlugin(_ name: String, manifest: String, files: [String: String], mode: Int = 0o755) throws -> String {
        let dir = base + "/src/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try manifest.write(toFile: dir + "/plugin.json", atomically: true, encoding: .utf8)
        for (path, body) in files {
            let file = dir + "/" + path
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try ("#!/bin/sh\n" + body + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        }
        return dir
    }

    /// A plugin with one trigger handled by `bin/run` = `script`, installed and enabled.
    @discardableResult
    func installTrigger(
        _ name: String, trigger: String = "post-deploy", order: Int = 50, timeout: Double = 30, prestart: Bool = false,
        script: String
    ) throws -> String {
        let manifest = """
            {"name":"\(name)","version":"1.0","protocol":1,
             "triggers":{"\(trigger)":{"run":"bin/run","order":\(order),"timeout":\(timeout),"prestart":\(prestart)}}}
            """
        let dir = try makePlugin(name, manifest: manifest, files: ["bin/run": script])
        try PluginRegistry(root: root).install(from: dir)
        return dir
    }

    /// A runner whose plugins' stderr is collected into `stderr`.
    func runner(stderr: StderrBox = StderrBox()) -> PluginRunner {
        PluginRunner(
            registry: PluginRegistry(root: root), paasVersion: "test",
            stderrSink: { stderr.append($0) })
    }
}

/// Collects bytes from several threads.
final class StderrBox: @unchecked Sendable {
    // @unchecked: every access to `bytes` holds `lock`.
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ chunk: [UInt8]) { lock.withLock { bytes += chunk } }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}

import Foundation
import PaasSupport
import Synchronization

/// The plugins of one state root, on disk:
///
/// ```
/// plugins/available/NAME/   installed plugin folders (plugin.json + executables)
/// plugins/enabled/NAME      a symlink to ../available/NAME (or to any plugin folder)
/// plugins/data/NAME/        each plugin's own state, kept across upgrades
/// plugins/index.json        cache of the enabled plugins' index
/// ```
public struct PluginRegistry: Sendable {
    /// The state root holding `plugins/`.
    public let root: StateRoot
    /// Command names built into paas, which plugins may not declare.
    public let reserved: Set<String>
    /// Whether `index()` may read and write `plugins/index.json`.
    public var usesCache: Bool
    /// The index last read by this registry (and its copies), reused while its stamps hold: a
    /// deploy fires many triggers, and the switch should not wait for a file to be decoded.
    private let remembered = RememberedIndex()

    /// The registry of `root`.
    public init(root: StateRoot, reserved: Set<String> = [], usesCache: Bool = true) {
        self.root = root
        self.reserved = reserved
        self.usesCache = usesCache
    }

    /// Installed plugin folders.
    public var availableDirectory: String { root.plugins + "/available" }
    /// Links to the enabled plugins.
    public var enabledDirectory: String { root.plugins + "/enabled" }
    /// Per-plugin state folders.
    public var dataDirectory: String { root.plugins + "/data" }
    /// The cached index.
    public var indexFile: String { root.plugins + "/index.json" }

    /// The state folder of plugin `name` (created by the runner before a plugin runs).
    public func dataDirectory(of name: String) -> String { dataDirectory + "/" + name }

    /// The index of the enabled plugins: from the cache when no manifest and no link changed,
    /// else read afresh (and the cache rewritten).
    public func index() -> PluginIndex {
        guard usesCache else { return scan().index }
        if let known = remembered.value.withLock({ $0 }), known.isFresh(for: self) { return known.index }
        if let cached = readCache(), cached.isFresh(for: self) {
            remembered.value.withLock { $0 = cached }
            return cached.index
        }
        let fresh = scan()
        writeCache(fresh)
        remembered.value.withLock { $0 = fresh }
        return fresh.index
    }

    /// Reads every enabled plugin's manifest, ignoring the cache.
    /// Whether an enabled plugin may declare `trigger`: a fast check, without decoding any
    /// manifest, that lets the hot path of every command (`user-auth`) skip the index when no
    /// plugin can answer. False means certainly not; true means look at the index.
    public func mayHandle(_ trigger: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: enabledDirectory)) ?? []
        return names.contains { name in
            !name.hasPrefix(".")
                && Self.mayDeclare(trigger, manifestAt: enabledDirectory + "/" + name + "/" + PluginManifest.fileName)
        }
    }

    /// Whether the manifest file at `path` may declare `trigger`, judged from its bytes alone (it
    /// may not even be valid JSON).
    static func mayDeclare(_ trigger: String, manifestAt path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        // A manifest that is not plain JSON text (escapes in key names) is looked at fully.
        return data.contains(0x5C) || data.withUnsafeBytes({ Array($0) }).contains(Array("\"\(trigger)\"".utf8))
    }

    func scan() -> IndexCache {
        let enabledStamp = FileStamp(path: enabledDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: enabledDirectory)) ?? []
        var entries: [PluginIndex.Entry] = []
        var problems: [String] = []
        var brokenGuards: [String] = []
        var stamps: [String: FileStamp] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            let link = enabledDirectory + "/" + name
            stamps[link + "/" + PluginManifest.fileName] = FileStamp(path: link + "/" + PluginManifest.fileName)
            let directory = URL(fileURLWithPath: link).resolvingSymlinksInPath().path
            do {
                let manifest = try PluginManifest.load(fromDirectory: directory, reserved: reserved)
                guard manifest.name == name else {
                    throw PluginError.invalid(plugin: name, problem: "its manifest names it '\(manifest.name)'")
                }
                entries.append(PluginIndex.Entry(directory: directory, manifest: manifest))
            } catch {
                problems.append("\(error)")
                if Self.mayDeclare("user-auth", manifestAt: link + "/" + PluginManifest.fileName) {
                    brokenGuards.append("\(error)")
                }
            }
        }
        return IndexCache(
            format: IndexCache.currentFormat, reserved: reserved.sorted(), enabledStamp: enabledStamp,
            manifests: stamps, index: PluginIndex(entries: entries, problems: problems, brokenGuards: brokenGuards))
    }

    // MARK: - Cache file

    private func readCache() -> IndexCache? {
        guard let data = FileManager.default.contents(atPath: indexFile) else { return nil }
        return try? JSONDecoder().decode(IndexCache.self, from: data)
    }

    private func writeCache(_ cache: IndexCache) {
        guard let data = try? JSONEncoder().encode(cache) else { return }
        let temporary = indexFile + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, indexFile) != 0 { unlink(temporary) }
    }

    /// Drops the cached index (after any change made through this registry).
    func invalidateCache() {
        remembered.value.withLock { $0 = nil }
        unlink(indexFile)
    }
}

/// What `plugins/index.json` holds: the index and the stamps that tell when it is stale.
struct IndexCache: Codable {
    static let currentFormat = 3
    var format: Int
    var reserved: [String]
    var enabledStamp: FileStamp
    var manifests: [String: FileStamp]
    var index: PluginIndex

    func isFresh(for registry: PluginRegistry) -> Bool {
        guard format == Self.currentFormat, reserved == registry.reserved.sorted(),
            enabledStamp == FileStamp(path: registry.enabledDirectory)
        else { return false }
        return manifests.allSatisfy { FileStamp(path: $0.key) == $0.value }
    }
}

/// The index a registry last read, shared by its copies.
final class RememberedIndex: Sendable {
    let value = Mutex<IndexCache?>(nil)
}

import Foundation
import PaasStore
import PaasSupport

/// What an upgrade replaces, kept so that a failure (or `upgrade:rollback`) can put it back:
/// an online backup of the database, the binaries it replaces, the plugins folder and the
/// proxy's files. Layout: `paas.db`, `bin/`, `absent.json` (binaries that did not exist),
/// `plugins/`, `proxy/`, `release.json` (the version it holds).
struct Snapshot {
    let directory: String
    let root: StateRoot

    var database: String { directory + "/paas.db" }
    var bin: String { directory + "/bin" }
    var plugins: String { directory + "/plugins" }
    var proxy: String { directory + "/proxy" }
    var absentFile: String { directory + "/absent.json" }
    var releaseFile: String { directory + "/release.json" }

    /// Takes the snapshot of `names` in `binDirectory`, the database, plugins and proxy files.
    func take(binaries names: [String], binDirectory: String, release: VersionReport) throws -> String {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: bin, withIntermediateDirectories: true)
        if fm.fileExists(atPath: root.database) {
            try DatabaseCopy.copy(from: root.database, to: database)
            Ownership.adoptDatabase(root: root)
        }
        var absent: [String] = []
        for name in names {
            let path = binDirectory + "/" + name
            if fm.fileExists(atPath: path) {
                try FileLink.linkOrCopy(from: path, to: bin + "/" + name)
            } else {
                absent.append(name)
            }
        }
        try AtomicFile.write(try JSONEncoder().encode(absent), to: absentFile, mode: 0o644)
        if fm.fileExists(atPath: root.plugins) { try FileTree.copy(from: root.plugins, to: plugins) }
        if fm.fileExists(atPath: root.proxy) { try FileTree.copy(from: root.proxy, to: proxy) }
        try AtomicFile.write(try JSONEncoder().encode(release), to: releaseFile, mode: 0o644)
        let size = (try? fm.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
        return
            "database (\(size / 1024) KiB), \(names.count - absent.count) binaries, plugins and proxy files kept in \(directory)"
    }

    /// The binaries the snapshot says did not exist before.
    func absent() -> [String] {
        guard let data = FileManager.default.contents(atPath: absentFile) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// The version the snapshot holds.
    func release() -> VersionReport? {
        guard let data = FileManager.default.contents(atPath: releaseFile) else { return nil }
        return try? JSONDecoder().decode(VersionReport.self, from: data)
    }

    /// Puts the snapshot's database back, with SQLite's backup into the live file.
    func restoreDatabase() throws -> String {
        guard FileManager.default.fileExists(atPath: database) else { return "no database was kept" }
        try DatabaseCopy.copy(from: database, to: root.database)
        Ownership.adoptDatabase(root: root)
        return "database restored from \(database)"
    }

    /// Removes the proxy files the snapshot did not have (the re-sync rewrites the others).
    func restoreProxyFiles() -> [String] {
        let fm = FileManager.default
        let before = Set((try? fm.contentsOfDirectory(atPath: proxy)) ?? [])
        var removed: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: root.proxy)) ?? [] where !before.contains(name) {
            if (try? fm.removeItem(atPath: root.proxy + "/" + name)) != nil { removed.append(name) }
        }
        return removed
    }
}

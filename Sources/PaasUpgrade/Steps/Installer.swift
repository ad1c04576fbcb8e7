import Foundation
import PaasSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Puts binaries and plugins in place, each by rename(2): a process that starts `paas` sees
/// the old file or the new, never a half-written one; the plugins folder is swapped whole.
struct Installer {
    let root: StateRoot
    let id: String
    let work: String

    /// Links (or copies) each of `names` from `source` beside its target in `binDirectory`, then renames
    /// it over the target; removes the `remove` names.
    func installBinaries(_ names: [String], from source: String, into binDirectory: String, remove: [String] = [])
        throws
    {
        for name in names {
            let staged = binDirectory + "/." + name + ".upgrade-" + id
            try? FileManager.default.removeItem(atPath: staged)
            try FileLink.linkOrCopy(from: source + "/" + name, to: staged)
            guard rename(staged, binDirectory + "/" + name) == 0 else {
                let error = FileError(path: binDirectory + "/" + name, operation: "replace")
                unlink(staged)
                throw error
            }
        }
        for name in remove where FileManager.default.fileExists(atPath: binDirectory + "/" + name) {
            try FileManager.default.removeItem(atPath: binDirectory + "/" + name)
        }
    }

    /// Replaces, in a copy of the plugins folder, each installed plugin that `bundlePlugins`
    /// (a bundle's `plugins/`) ships, then swaps the copy in. Returns the plugins replaced.
    func installBundlePlugins(_ names: [String], from bundlePlugins: String) throws -> [String] {
        let staging = try stage(copyOf: root.plugins)
        var replaced: [String] = []
        for name in names {
            let target = staging + "/available/" + name
            guard FileManager.default.fileExists(atPath: target) else { continue }
            try FileManager.default.removeItem(atPath: target)
            try FileTree.copy(from: bundlePlugins + "/" + name, to: target)
            replaced.append(name)
        }
        try swapIn(staging)
        return replaced
    }

    /// Makes the plugins folder a copy of `folder` (a snapshot's).
    func restorePlugins(from folder: String) throws {
        try swapIn(try stage(copyOf: folder))
    }

    private func stage(copyOf folder: String) throws -> String {
        let staging = root.path + "/.plugins-" + id
        try? FileManager.default.removeItem(atPath: staging)
        if FileManager.default.fileExists(atPath: folder) {
            try FileTree.copy(from: folder, to: staging)
        } else {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        }
        Ownership.adopt(staging, root: root, recursive: true)
        return staging
    }

    private func swapIn(_ staging: String) throws {
        let aside = work + "/replaced-plugins"
        try? FileManager.default.removeItem(atPath: aside)
        if FileManager.default.fileExists(atPath: root.plugins) {
            guard rename(root.plugins, aside) == 0 else { throw FileError(path: root.plugins, operation: "move aside") }
        }
        guard rename(staging, root.plugins) == 0 else {
            let error = FileError(path: root.plugins, operation: "replace")
            rename(aside, root.plugins)
            throw error
        }
        try? FileManager.default.removeItem(atPath: aside)
    }
}

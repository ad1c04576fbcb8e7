import Foundation
import PaasSupport

extension PluginRegistry {
    /// Copies the plugin folder at `path` into `available/`, validates the copy and enables it.
    ///
    /// - Parameter replace: upgrade a plugin of the same name that is installed already.
    @discardableResult
    public func install(from path: String, replace: Bool = false) throws -> PluginInfo {
        let source = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let manifest = try PluginManifest.load(fromDirectory: source, reserved: reserved)
        let fm = FileManager.default
        let destination = availableDirectory + "/" + manifest.name
        if fm.fileExists(atPath: destination) && !replace { throw PluginError.alreadyInstalled(manifest.name) }
        try checkCommands(of: manifest)
        let staging = availableDirectory + "/.\(manifest.name).\(ProcessInfo.processInfo.processIdentifier).new"
        do {
            try fm.createDirectory(atPath: availableDirectory, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: staging)
            try FileTree.copy(from: source, to: staging)
            _ = try PluginManifest.load(fromDirectory: staging, reserved: reserved)
            if fm.fileExists(atPath: destination) { try fm.removeItem(atPath: destination) }
            try fm.moveItem(atPath: staging, toPath: destination)
        } catch let error as PluginError {
            try? fm.removeItem(atPath: staging)
            throw error
        } catch {
            try? fm.removeItem(atPath: staging)
            throw PluginError.io(plugin: manifest.name, detail: "cannot copy into \(availableDirectory): \(error.localizedDescription)")
        }
        invalidateCache()
        try enable(manifest.name)
        return try report(manifest.name)
    }

    /// Enables the installed plugin `name`: its triggers fire and its commands answer.
    public func enable(_ name: String) throws {
        let folder = availableDirectory + "/" + name
        guard PluginManifest.isValidName(name), FileManager.default.fileExists(atPath: folder) else {
            throw PluginError.notInstalled(name)
        }
        let manifest = try PluginManifest.load(fromDirectory: folder, reserved: reserved)
        guard manifest.name == name else {
            throw PluginError.invalid(plugin: name, problem: "its manifest names it '\(manifest.name)'")
        }
        try checkCommands(of: manifest)
        let link = enabledDirectory + "/" + name
        if isEnabled(name) { return }
        do {
            try FileManager.default.createDirectory(atPath: enabledDirectory, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../available/" + name)
        } catch {
            throw PluginError.io(plugin: name, detail: "cannot enable: \(error.localizedDescription)")
        }
        invalidateCache()
    }

    /// Disables plugin `name`; it stays installed. Disabling a disabled plugin does nothing.
    public func disable(_ name: String) throws {
        let link = enabledDirectory + "/" + name
        guard PluginManifest.isValidName(name) else { throw PluginError.notInstalled(name) }
        guard let type = try? FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType else {
            if FileManager.default.fileExists(atPath: availableDirectory + "/" + name) { return }
            throw PluginError.notInstalled(name)
        }
        guard type == .typeSymbolicLink else {
            throw PluginError.io(
                plugin: name, detail: "\(link) is a folder, not a link: move it to \(availableDirectory) to disable it")
        }
        guard unlink(link) == 0 else {
            throw PluginError.io(plugin: name, detail: "cannot remove \(link): \(String(cString: strerror(errno)))")
        }
        invalidateCache()
    }

    /// Disables and removes plugin `name`. Its data folder is kept unless `purgeData`.
    public func uninstall(_ name: String, purgeData: Bool = false) throws {
        let folder = availableDirectory + "/" + name
        guard PluginManifest.isValidName(name),
            FileManager.default.fileExists(atPath: folder) || isEnabled(name)
        else { throw PluginError.notInstalled(name) }
        try disable(name)
        do {
            if FileManager.default.fileExists(atPath: folder) { try FileManager.default.removeItem(atPath: folder) }
            if purgeData, FileManager.default.fileExists(atPath: dataDirectory(of: name)) {
                try FileManager.default.removeItem(atPath: dataDirectory(of: name))
            }
        } catch {
            throw PluginError.io(plugin: name, detail: "cannot remove: \(error.localizedDescription)")
        }
    }

    /// Every installed or enabled plugin, sorted by name.
    public func list() -> [PluginInfo] {
        let fm = FileManager.default
        var names = Set((try? fm.contentsOfDirectory(atPath: availableDirectory)) ?? [])
        names.formUnion((try? fm.contentsOfDirectory(atPath: enabledDirectory)) ?? [])
        return names.filter { !$0.hasPrefix(".") }.sorted().map(info)
    }

    /// What is known of plugin `name`.
    public func report(_ name: String) throws -> PluginInfo {
        guard PluginManifest.isValidName(name),
            FileManager.default.fileExists(atPath: availableDirectory + "/" + name) || isEnabled(name)
        else { throw PluginError.notInstalled(name) }
        return info(name)
    }

    // MARK: - Helpers

    /// Whether `enabled/NAME` exists (as a link or a folder).
    public func isEnabled(_ name: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: enabledDirectory + "/" + name)) != nil
    }

    private func info(_ name: String) -> PluginInfo {
        let enabled = isEnabled(name)
        let place = enabled ? enabledDirectory + "/" + name : availableDirectory + "/" + name
        let directory = URL(fileURLWithPath: place).resolvingSymlinksInPath().path
        do {
            let m = try PluginManifest.load(fromDirectory: directory, reserved: reserved)
            return PluginInfo(
                name: name, version: m.version, description: m.description, enabled: enabled, directory: directory,
                triggers: m.triggers.keys.sorted(), commands: m.commands.keys.sorted(), manifest: m,
                problem: m.name == name ? nil : "its manifest names it '\(m.name)'")
        } catch {
            return PluginInfo(
                name: name, version: "", description: nil, enabled: enabled, directory: directory, triggers: [],
                commands: [], manifest: nil, problem: "\(error)")
        }
    }

    /// Throws when another enabled plugin declares one of `manifest`'s commands.
    private func checkCommands(of manifest: PluginManifest) throws {
        let current = index()
        for command in manifest.commands.keys.sorted() {
            if let owner = current.commands[command], owner.plugin != manifest.name {
                throw PluginError.commandTaken(command: command, plugin: manifest.name, owner: owner.plugin)
            }
        }
    }
}

import Foundation
import PaasTestSupport

/// A plugin folder made by a test: `plugin.json` plus shell executables under `bin/`.
struct PluginFolder {
    let directory: TempDir
    let name: String
    /// The folder to give to `plugin:install`.
    var path: String { directory.file(name) }

    /// Writes `NAME/plugin.json` with `triggers` and `commands` (manifest entries as JSON
    /// objects) and `NAME/bin/FILE` for every script (mode 0755 unless listed in `notExecutable`).
    init(
        _ name: String, triggers: [String: [String: Any]] = [:], commands: [String: [String: Any]] = [:],
        scripts: [String: String], notExecutable: Set<String> = []
    ) throws {
        directory = try TempDir(prefix: "paas-plugin")
        self.name = name
        let manifest: [String: Any] = [
            "name": name, "version": "0.1.0", "description": "a test plugin", "protocol": 1,
            "triggers": triggers, "commands": commands,
        ]
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        try directory.write("\(name)/plugin.json", Array(json))
        for (file, body) in scripts {
            try directory.write(
                "\(name)/bin/\(file)", "#!/bin/sh\n" + body + "\n", mode: notExecutable.contains(file) ? 0o644 : 0o755)
        }
    }
}

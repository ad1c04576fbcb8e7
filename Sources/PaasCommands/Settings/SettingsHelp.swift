import PaasDeploy

/// The help that the declarations give the generated commands.
enum SettingsHelp {
    /// Per setting: its name and what it accepts, then what it does (kept within 80 columns).
    static func discussion(_ settings: [AnySetting]) -> String {
        let lines = settings.map { s in
            let accepts =
                s.changedBy.map { "changed with \($0)" }
                ?? "\(s.expected); default \(s.defaultText)" + (s.global ? "; also --global" : "")
            return "  \(s.name): \(accepts)\n      \(s.help)"
        }
        return "Settings:\n" + lines.joined(separator: "\n")
    }
}

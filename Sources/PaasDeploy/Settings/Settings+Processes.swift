extension Settings {
    /// `ps.stopped`: whether `ps:stop` stopped the app (it stays stopped across reboots until
    /// `ps:start`). Belongs to no `FAMILY:set`; `ps:stop` and `ps:start` change it.
    public static let psStopped = Setting<Bool>(
        "ps.stopped", default: false, expected: "true or false",
        help: "Whether ps:stop stopped the app; it stays stopped until ps:start.", changedBy: "ps:stop and ps:start",
        parse: { text in
            guard let stopped = Bool(text) else { throw InvalidSettingValue() }
            return stopped
        },
        encode: { $0 ? "true" : nil }, describe: { String($0) })
}

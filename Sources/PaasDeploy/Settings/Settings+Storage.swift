extension Settings {
    /// `storage.mounts`: an app's persistent storage mounts. Belongs to no `FAMILY:set`;
    /// `storage:mount` and `storage:unmount` change it.
    public static let storageMounts = Setting<[StorageMount]>(
        "storage.mounts", default: [], expected: "NAME:/container/path entries, one a line",
        help: "Storage folders mounted into every container of the app (not builds).",
        changedBy: "storage:mount and storage:unmount",
        parse: { text in try text.split(separator: "\n").map { try StorageMount(parsing: String($0)) } },
        encode: { $0.isEmpty ? nil : $0.map(\.description).joined(separator: "\n") },
        describe: { $0.isEmpty ? "none" : $0.map(\.description).joined(separator: ", ") })
}

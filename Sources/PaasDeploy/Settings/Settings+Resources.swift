extension Settings {
    /// `resource.memory`: the memory limit of every container (0: unlimited).
    public static let resourceMemory = Setting<Int64>.size(
        "resource.memory", default: 1 << 30, minimum: 6 << 20, unlimited: true,
        help: "Memory limit of each container, swap included.")

    /// `resource.cpus`: CPUs each container may use (0: unlimited).
    public static let resourceCPUs = Setting<Double>(
        "resource.cpus", default: 0, expected: "a number of CPUs from 0.01 to 1024 such as 0.5, or unlimited",
        help: "CPUs each container may use.", global: true,
        parse: { text in
            if text == "unlimited" { return 0 }
            guard let n = Double(text), n.isFinite, n >= 0.01, n <= 1024 else { throw InvalidSettingValue() }
            return (n * 100).rounded() / 100
        },
        encode: { $0 == 0 ? "unlimited" : Setting<Double>.formatSeconds($0) },
        describe: { $0 == 0 ? "unlimited" : Setting<Double>.formatSeconds($0) })

    /// `resource.pids`: processes and threads each container may have.
    public static let resourcePids = Setting<Int>.wholeNumber(
        "resource.pids", default: 1024, range: 16...1_000_000,
        help: "Processes and threads each container may have.")

    /// `resource.max-instances`: the most containers `ps:scale` may ask for, all types together.
    public static let resourceMaxInstances = Setting<Int>.wholeNumber(
        "resource.max-instances", default: 50, range: 1...1000,
        help: "The most instances of the app, all process types together.")

    /// `resource.log-max-size`: the size at which a container's log file is rotated.
    public static let resourceLogMaxSize = Setting<Int64>.size(
        "resource.log-max-size", default: 10 << 20, minimum: 64 << 10,
        help: "Size at which a container's log file is rotated.")

    /// `resource.log-max-file`: how many rotated log files a container keeps.
    public static let resourceLogMaxFile = Setting<Int>.wholeNumber(
        "resource.log-max-file", default: 3, range: 1...100, help: "How many log files a container keeps.")

    /// `resource.build-timeout`: seconds a build may take before it is stopped.
    public static let resourceBuildTimeout = Setting<Double>.seconds(
        "resource.build-timeout", default: 3600, positive: true,
        help: "Seconds a build may run before it is stopped and the deploy fails.")

    /// The limits `resource:limit` may set for one process type.
    public static let resourceLimits: [AnySetting] = [resourceMemory.erased, resourceCPUs.erased, resourcePids.erased]
}

extension SettingFamily {
    /// `resource:set`, `resource:report` (which also lists `resource:limit`'s per-type limits).
    public static let resource = SettingFamily(
        "resource", about: "what an app's containers may use",
        settings: [
            Settings.resourceMemory.erased, Settings.resourceCPUs.erased, Settings.resourcePids.erased,
            Settings.resourceMaxInstances.erased, Settings.resourceLogMaxSize.erased,
            Settings.resourceLogMaxFile.erased, Settings.resourceBuildTimeout.erased,
        ])
}

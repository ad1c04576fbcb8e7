import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds and removes what a test node set leaves on the host besides its network: processes
/// (a containerd or shim outliving its dockerd, containers under the node's cgroup), mounts
/// under its folder, its cgroups.
enum TestNodeSweep {
    /// Processes started for this test (or its node `node`): their command line names the
    /// folder, or they run in the node's cgroup. Returns pid and command line.
    static func processes(_ names: TestNodeNames, node: Int? = nil) -> [(pid: pid_t, command: String)] {
        let mine = getpid()
        let folder = (node.map { names.folder($0) } ?? names.folder) + "/"
        let group = "/" + (node.map { names.cgroupParent($0) + "/" } ?? "paas-\(names.tag)-n")
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { pid_t($0) } ?? []
        return pids.filter { $0 != mine }.compactMap { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let command = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            let cgroup = (try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8)) ?? ""
            guard command.contains(folder) || cgroup.contains(group) else { return nil }
            return (pid, command)
        }
    }

    /// SIGKILLs this test's (or its node `node`'s) leftover processes; waits up to 5 s for them.
    static func killProcesses(_ names: TestNodeNames, node: Int? = nil) {
        let found = processes(names, node: node)
        guard !found.isEmpty else { return }
        for process in found { kill(process.pid, SIGKILL) }
        _ = waitUntil(timeout: .seconds(5)) { processes(names, node: node).isEmpty }
    }

    /// Mount points under the test's folder, deepest first.
    static func mounts(_ names: TestNodeNames) -> [String] {
        let text = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let points = text.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = fields[4].replacingOccurrences(of: "\\040", with: " ")
            return point.hasPrefix(names.folder + "/") || point == names.folder ? point : nil
        }
        return points.sorted { $0.count > $1.count }
    }

    /// Detaches every mount under the test's folder.
    static func unmount(_ names: TestNodeNames) {
        for point in mounts(names) { umount2(point, Int32(MNT_DETACH)) }
    }

    /// Cgroup folders of this test's nodes (cgroup v1 hierarchies and v2), deepest first.
    static func cgroups(_ names: TestNodeNames) -> [String] {
        let fm = FileManager.default
        let base = "/sys/fs/cgroup"
        let hierarchies = [base] + ((try? fm.contentsOfDirectory(atPath: base)) ?? []).map { base + "/" + $0 }
        var found: [String] = []
        for hierarchy in hierarchies {
            for entry in (try? fm.contentsOfDirectory(atPath: hierarchy)) ?? []
            where entry.hasPrefix("paas-\(names.tag)-n") {
                found += folders(under: hierarchy + "/" + entry)
            }
        }
        return Array(Set(found)).sorted { $0.count > $1.count }
    }

    /// Removes this test's cgroup folders (a cgroup is removed with rmdir once it is empty).
    static func removeCgroups(_ names: TestNodeNames) {
        for folder in cgroups(names) { rmdir(folder) }
    }

    private static func folders(under path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return []
        }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return [path] + children.flatMap { folders(under: path + "/" + $0) }
    }
}

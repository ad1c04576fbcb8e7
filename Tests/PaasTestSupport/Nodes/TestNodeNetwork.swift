import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The host side of a test node set: a bridge on a free 10.250.N.0/24, one namespace and veth
/// pair per node, and the iptables rules that let traffic cross the bridge. Everything is found
/// again by its name (`TestNodeNames`), so removal works after a failed or interrupted start.
enum TestNodeNetwork {
    /// Makes the bridge on a /24 no interface or route uses yet, with the host at .1; returns N.
    static func createBridge(_ names: TestNodeNames) throws -> Int {
        try FileManager.default.createDirectory(atPath: TestNodeNames.root, withIntermediateDirectories: true)
        // Tests in other processes pick subnets too: one at a time, until the address is on.
        let lock = open(TestNodeNames.root + "/.subnet.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw TestSupportError("cannot open the subnet lock under \(TestNodeNames.root)") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        let used = try ip(["-4", "-o", "addr", "show"]) + ip(["-4", "route", "show", "table", "all"])
        let start = Int.random(in: 1...254)
        guard
            let subnet = (0..<254).map({ (start + $0 - 1) % 254 + 1 }).first(where: { !used.contains("10.250.\($0).") })
        else { throw TestSupportError("no free 10.250.N.0/24 for test nodes") }
        try ip(["link", "add", names.bridge, "type", "bridge"])
        try ip(["addr", "add", "10.250.\(subnet).1/24", "dev", names.bridge])
        try ip(["link", "set", names.bridge, "up"])
        return subnet
    }

    /// Makes node `k`'s namespace, wires it to the bridge as `address` (eth0, default route via
    /// the host) and brings loopback up.
    static func addNode(_ names: TestNodeNames, _ k: Int, address: String, gateway: String) throws {
        let netns = names.node(k)
        try ip(["netns", "add", netns])
        try ip(["link", "add", names.hostVeth(k), "type", "veth", "peer", "name", names.nodeVeth(k)])
        try ip(["link", "set", names.nodeVeth(k), "netns", netns])
        try ip(["link", "set", names.hostVeth(k), "master", names.bridge])
        try ip(["link", "set", names.hostVeth(k), "up"])
        let inside = ["--net=" + names.netnsPath(k), "--"]
        for words in [
            ["ip", "link", "set", names.nodeVeth(k), "name", "eth0"],
            ["ip", "addr", "add", address + "/24", "dev", "eth0"],
            ["ip", "link", "set", "eth0", "up"],
            ["ip", "link", "set", "lo", "up"],
            ["ip", "route", "add", "default", "via", gateway],
            ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"],
        ] {
            try Run.checked("nsenter", inside + [Run.which(words[0]) ?? words[0]] + words.dropFirst())
        }
    }

    // MARK: - Firewall

    /// The rules for traffic the host forwards from the bridge: node to node is accepted (it
    /// crosses the host's FORWARD chain, whose policy Docker sets to DROP); anything else a node
    /// sends through the host is rejected at once, so nothing leaves the machine and a node's
    /// DNS lookup fails fast instead of timing out.
    static func ruleSpecs(_ names: TestNodeNames) -> [[String]] {
        let comment = ["-m", "comment", "--comment", names.ruleComment]
        return [
            ["-i", names.bridge, "-o", names.bridge] + comment + ["-j", "ACCEPT"],
            ["-i", names.bridge] + comment + ["-j", "REJECT"],
        ]
    }

    /// Puts the rules, in order, at the top of DOCKER-USER (before its RETURN).
    static func addRules(_ names: TestNodeNames) throws {
        for (position, spec) in ruleSpecs(names).enumerated() {
            try Run.checked("iptables", ["-w", "-I", "DOCKER-USER", "\(position + 1)"] + spec)
        }
    }

    /// Removes every copy of this test's rules.
    static func removeRules(_ names: TestNodeNames) {
        for spec in ruleSpecs(names) {
            var removed = 0
            while removed < 10, (try? Run.command("iptables", ["-w", "-D", "DOCKER-USER"] + spec))?.succeeded == true {
                removed += 1
            }
        }
    }

    // MARK: - Removal

    /// Deletes this test's namespaces, veths and bridge (whatever of them exists).
    static func remove(_ names: TestNodeNames) {
        for netns in namespaces(names) { _ = try? Run.command("ip", ["netns", "delete", netns]) }
        let links = self.links(names)
        for link in links where link != names.bridge { _ = try? Run.command("ip", ["link", "delete", link]) }
        if links.contains(names.bridge) { _ = try? Run.command("ip", ["link", "delete", names.bridge]) }
    }

    /// This test's network namespaces that exist.
    static func namespaces(_ names: TestNodeNames) -> [String] {
        let text = (try? ip(["netns", "list"])) ?? ""
        return text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix(names.id + "-n") }
    }

    /// This test's interfaces on the host that exist (bridge and host-side veths).
    static func links(_ names: TestNodeNames) -> [String] {
        let text = (try? ip(["-o", "link", "show"])) ?? ""
        return text.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: ":", maxSplits: 2)
            guard fields.count >= 2 else { return nil }
            let name = fields[1].trimmingCharacters(in: .whitespaces).split(separator: "@").first.map(String.init)
            return name.flatMap { $0.contains(names.tag) ? $0 : nil }
        }
    }

    /// This test's rules in DOCKER-USER, as `iptables -S` prints them.
    static func rules(_ names: TestNodeNames) -> [String] {
        let text = (try? Run.command("iptables", ["-w", "-S", "DOCKER-USER"]))?.stdoutText ?? ""
        return text.split(separator: "\n").map(String.init).filter { $0.contains(names.ruleComment) }
    }

    @discardableResult
    private static func ip(_ arguments: [String]) throws -> String {
        try Run.checked("ip", arguments, timeout: .seconds(30)).stdoutText
    }
}

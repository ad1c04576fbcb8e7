/// What paas reads from a Dockerfile without building it.
public enum Dockerfile {
    /// The TCP ports named by EXPOSE instructions, in order, without repeats.
    ///
    /// Understands several ports per line, `/tcp` suffixes, line continuations (and the
    /// `# escape=` directive), comments, and any case of `EXPOSE`. UDP ports, port ranges and
    /// unexpanded variables (`$PORT`) are left out: the proxy cannot route to them.
    public static func exposedPorts(_ text: String) -> [Int] {
        var ports: [Int] = []
        for instruction in instructions(text) {
            let words = instruction.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = words.first, first.uppercased() == "EXPOSE" else { continue }
            for word in words.dropFirst() {
                var spec = word.lowercased()[...]
                if spec.hasSuffix("/tcp") {
                    spec = spec.dropLast(4)
                } else if spec.contains("/") {
                    continue
                }
                if let port = Int(spec), (1...65535).contains(port), !ports.contains(port) {
                    ports.append(port)
                }
            }
        }
        return ports
    }

    /// Logical instruction lines: continuations joined, comments and blank lines dropped.
    static func instructions(_ text: String) -> [String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var escape: Character = "\\"
        var result: [String] = []
        var current: String? = nil
        var inDirectives = true
        for rawLine in lines {
            let line = rawLine.trimmingWhitespace
            if inDirectives, line.hasPrefix("#") {
                let directive = String(line.dropFirst()).replacingAll(" ", with: "").lowercased()
                if directive.hasPrefix("escape="), let char = directive.dropFirst(7).first {
                    escape = char
                }
                continue
            }
            inDirectives = false
            if line.hasPrefix("#") { continue }
            if line.isEmpty {
                continue
            }
            var part = String(line)
            let continues = part.last == escape
            if continues { part.removeLast() }
            current = (current.map { $0 + " " } ?? "") + part
            if !continues, let done = current {
                result.append(done)
                current = nil
            }
        }
        if let done = current { result.append(done) }
        return result
    }
}

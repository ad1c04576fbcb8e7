extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingWhitespace: Substring {
        let s = self[...]
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = s.firstIndex(where: { !isSpace($0) }) else { return Substring(s[s.endIndex...]) }
        let end = s.lastIndex(where: { !isSpace($0) })!
        return Substring(s[start...end])
    }
}

extension String {
    /// With every `target` character replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension ProxyUpdate {
    /// The update with `defaultDomain` in front of `domains`, once every value is checked to be
    /// safe to write into a proxy's configuration file as is.
    /// - Throws: `ProxyUpdateError` naming the first bad value.
    public func checked() throws -> ProxyUpdate {
        try Self.checkApp(app)
        var update = self
        if let first = defaultDomain, !domains.contains(first) { update.domains.insert(first, at: 0) }
        for domain in update.domains where !Self.isDomain(domain) {
            throw ProxyUpdateError("'\(domain)' is not a domain name a proxy can serve (letters, digits, '.', '-', '*')")
        }
        for u in upstreams {
            guard Self.isHost(u.host) else { throw ProxyUpdateError("upstream host '\(u.host)' is not a host name or address") }
            guard (1...65535).contains(u.port) else { throw ProxyUpdateError("upstream port \(u.port) is not in 1...65535") }
            guard !u.process.isEmpty, u.process.allSatisfy(Self.isNameCharacter) else {
                throw ProxyUpdateError("upstream process '\(u.process)' is not a process type name")
            }
        }
        for cert in certificates {
            guard !cert.name.isEmpty, cert.name.allSatisfy({ Self.isNameCharacter($0) || $0 == "." || $0 == "_" }) else {
                throw ProxyUpdateError("'\(cert.name)' is not a certificate name (letters, digits, '.', '-', '_')")
            }
            for path in [cert.certFile, cert.keyFile] where !Self.isPath(path) {
                throw ProxyUpdateError("certificate file '\(path)' is not an absolute path without spaces")
            }
            for domain in cert.domains where !Self.isDomain(domain) {
                throw ProxyUpdateError("certificate '\(cert.name)' names '\(domain)', which is not a domain name")
            }
        }
        return update
    }

    /// Throws unless `app` is an app name (it names files and proxy sections).
    public static func checkApp(_ app: String) throws {
        guard let first = app.first, first.isASCII, first.isLetter || first.isNumber, app.allSatisfy(isNameCharacter)
        else { throw ProxyUpdateError("'\(app)' is not an app name") }
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber || c == "-")
    }

    private static func isDomain(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 253 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-*_".contains($0)) }
    }

    private static func isHost(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }
    }

    private static func isPath(_ s: String) -> Bool {
        s.hasPrefix("/") && s.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "#" && $0 != "\\" }
    }
}

/// A `proxy-update` request holds a value that cannot go into a proxy's configuration.
public struct ProxyUpdateError: Error, CustomStringConvertible, Equatable {
    /// What was wrong, in the user's words.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

extension ProxyCertificate {
    /// Whether certificate name `pattern` (a DNS name, maybe `*.example.com`) covers `domain`.
    public static func name(_ pattern: String, covers domain: String) -> Bool {
        if pattern == domain { return true }
        guard pattern.hasPrefix("*.") else { return false }
        let suffix = pattern.dropFirst(1)
        return domain.hasSuffix(suffix) && !domain.dropLast(suffix.count).contains(".")
    }

    /// Which of `domains` this certificate covers.
    public func covered(_ domains: [String]) -> [String] {
        domains.filter { d in self.domains.contains { Self.name($0, covers: d) } }
    }
}

/// What paas read from a certificate when it was added (shown by `certs:report`).
public struct CertificateInfo: Codable, Sendable, Equatable {
    /// Its subject (`CN=example.com`).
    public var subject: String
    /// Its issuer.
    public var issuer: String
    /// The DNS names it is valid for (subjectAltName, else the subject's CN).
    public var domains: [String]
    /// The end of its validity, as openssl prints it (`Jan  1 00:00:00 2030 GMT`).
    public var notAfter: String

    public init(subject: String, issuer: String, domains: [String], notAfter: String) {
        self.subject = subject
        self.issuer = issuer
        self.domains = domains
        self.notAfter = notAfter
    }
}

/// A certificate and key that passed every check, ready to store.
public struct ParsedCertificate: Sendable, Equatable {
    /// The certificate and its chain, PEM.
    public var certificatePEM: String
    /// The private key, PEM.
    public var keyPEM: String
    public var info: CertificateInfo
}

/// A certificate could not be added; `description` is the one line the user sees.
public enum CertificateError: Error, CustomStringConvertible, Equatable {
    case input(String)
    case storage(String)

    public var description: String {
        switch self {
        case .input(let why), .storage(let why): return why
        }
    }
}

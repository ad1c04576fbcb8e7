import ArgumentParser
import Foundation
import PaasDeploy

struct CertsAdd: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs:add",
        abstract: "Add a TLS certificate: PEM certificate and key on stdin, or a tar of server.crt and server.key.")
    static let group = CommandGroup.certs
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(help: "A name for it (default: its first DNS name); the same name replaces it.") var name: String?

    func run(_ ctx: CommandContext) throws {
        let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile().prefix(1 << 20))
        let (cert, warning) = try Certificates(platform: try ctx.platform).add(app: app, input: input, name: name)
        if let warning { ctx.err.line(" !     warning: \(warning)") }
        ctx.err.line("-----> Added certificate \(cert.name) to \(app) (\(cert.info.domains.joined(separator: ", ")); expires \(cert.info.notAfter))")
    }
}

struct CertsRemove: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs:remove", abstract: "Remove an app's certificate NAME, or all of them.")
    static let group = CommandGroup.certs
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(help: "The certificate; every one when omitted.") var name: String?

    func run(_ ctx: CommandContext) throws {
        let removed = try Certificates(platform: try ctx.platform).remove(app: app, name: name)
        ctx.err.line("-----> Removed certificate(s) \(removed.joined(separator: ", ")) from \(app)")
    }
}

struct CertsSet: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs:set", abstract: "Set redirect-https (true/false): send plain HTTP to HTTPS.")
    static let group = CommandGroup.certs
    static let access = AccessClass.deploy
    var targetApp: String? { app }
    @Argument(help: "The app.") var app: String
    @Argument(help: "redirect-https.") var key: String
    @Argument(help: "true or false.") var value: String

    func run(_ ctx: CommandContext) throws {
        guard key == "redirect-https" else { throw ValidationError("unknown certs setting '\(key)': expected redirect-https") }
        guard let on = ["true": true, "false": false][value] else {
            throw ValidationError("redirect-https must be true or false, got '\(value)'")
        }
        try Certificates(platform: try ctx.platform).setRedirectHTTPS(app: app, on)
        ctx.err.line("-----> \(app) redirect-https = \(on)")
    }
}

struct CertsReport: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "certs:report", abstract: "Show an app's certificates.")
    static let group = CommandGroup.certs
    static let access = AccessClass.read
    var targetApp: String? { app }
    @OptionGroup var output: FormatOption
    @Argument(help: "The app.") var app: String

    func run(_ ctx: CommandContext) throws {
        let platform = try ctx.platform
        _ = try platform.store.requireApp(app)
        let certs = CertStore(root: ctx.root)
        let list = certs.certificates(app: app)
        switch output.format {
        case .json:
            struct View: Encodable {
                var name: String
                var domains: [String]
                var subject: String
                var issuer: String
                var expires: String
            }
            struct Report: Encodable {
                var redirectHTTPS: Bool
                var certificates: [View]
            }
            try ctx.out.json(
                Report(
                    redirectHTTPS: certs.redirectsHTTPS(app: app),
                    certificates: list.map {
                        View(name: $0.name, domains: $0.info.domains, subject: $0.info.subject, issuer: $0.info.issuer, expires: $0.info.notAfter)
                    }))
        case .text:
            var rows: [(String, String)] = [("redirect-https", certs.redirectsHTTPS(app: app) ? "true" : "false")]
            if list.isEmpty { rows.append(("certificates", "none")) }
            for c in list {
                rows.append(("\(c.name) domains", c.info.domains.joined(separator: " ")))
                rows.append(("\(c.name) expires", c.info.notAfter))
                rows.append(("\(c.name) issuer", c.info.issuer))
            }
            ctx.out.report("\(app) certificates", rows)
        }
    }
}

import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore
import PaasSupport

struct SSHKeysAdd: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh-keys:add",
        abstract: "Allow a public key to log in (key on stdin, or in FILE as root); --role admin gives it everything.")
    static let group = CommandGroup.keys

    /// The most stdin a key command reads; more is refused before it is read whole.
    static let stdinLimit = 64 * 1024

    @Argument(help: "A name for the key (who it belongs to).")
    var name: String
    @Argument(help: "A file with the public key (as root on the host only); stdin when omitted.")
    var file: String?
    @Option(name: .long, help: "admin: everything; none (default): only the apps acl:grant gives it.")
    var role: KeyRole = .none

    func run(_ ctx: CommandContext) throws {
        let name = try KeyName.validate(name)
        let text: String
        if let file {
            guard !ctx.viaSSH else { throw KeyError.fileOverSSH }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw KeyError.invalid("cannot read \(file)")
            }
            text = String(decoding: data.prefix(Self.stdinLimit), as: UTF8.self)
        } else {
            text = String(decoding: try Self.readStdin(limit: Self.stdinLimit), as: UTF8.self)
        }
        let platform = try ctx.platform
        let key = try PublicKey.parse(text, runner: platform.runner)
        let store = try platform.store
        try AuthorizedKeys.checkInstalled(root: ctx.root)
        try store.addKey(
            SSHKey(name: name, fingerprint: key.fingerprint, publicKey: key.line, createdAt: Date(), role: role))
        try AuthorizedKeys.write(keys: try store.keys(), root: ctx.root)
        ctx.out.line("-----> Added key \(name) (\(key.fingerprint), role \(role.rawValue))")
    }

    /// Reads stdin up to `limit` bytes; throws `KeyError.tooLarge` as soon as there is more.
    static func readStdin(limit: Int) throws -> Data {
        var data = Data()
        while let chunk = try FileHandle.standardInput.read(upToCount: 16 * 1024), !chunk.isEmpty {
            data.append(chunk)
            if data.count > limit { throw KeyError.tooLarge(limit: limit) }
        }
        return data
    }
}

extension KeyRole: ExpressibleByArgument {}

struct SSHKeysList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "ssh-keys:list", abstract: "List the keys that may log in.")
    static let group = CommandGroup.keys

    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let keys = try ctx.platform.store.keys()
        switch output.format {
        case .json:
            try ctx.out.json(keys.map { ["name": $0.name, "fingerprint": $0.fingerprint, "role": $0.role.rawValue] })
        case .text:
            for key in keys { ctx.out.line("\(key.name)  \(key.fingerprint)  \(key.role.rawValue)") }
        }
    }
}

struct SSHKeysRemove: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "ssh-keys:remove", abstract: "Remove a key.")
    static let group = CommandGroup.keys

    @Argument(help: "The key's name.")
    var name: String

    func run(_ ctx: CommandContext) throws {
        let store = try ctx.platform.store
        try store.removeKey(named: name)
        try AuthorizedKeys.write(keys: try store.keys(), root: ctx.root)
        ctx.out.line("-----> Removed key \(name)")
    }
}

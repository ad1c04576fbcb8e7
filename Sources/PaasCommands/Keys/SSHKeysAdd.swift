import ArgumentParser
import Foundation
import PaasDeploy
import PaasStore
import PaasSupport

struct SSHKeysAdd: PaasCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh-keys:add", abstract: "Allow a public key to push and run commands (key on stdin or in FILE).")
    static let group = CommandGroup.keys

    @Argument(help: "A name for the key (who it belongs to).")
    var name: String
    @Argument(help: "A file with the public key; stdin when omitted.")
    var file: String?

    func run(_ ctx: CommandContext) throws {
        guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"#, options: .regularExpression) != nil else {
            throw KeyError.badName(name)
        }
        let text: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw KeyError.invalid("cannot read \(file)")
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile().prefix(16384), as: UTF8.self)
        }
        let platform = try ctx.platform
        let key = try PublicKey.parse(text, runner: platform.runner)
        let store = try platform.store
        try store.addKey(SSHKey(name: name, fingerprint: key.fingerprint, publicKey: key.line, createdAt: Date()))
        try AuthorizedKeys.write(keys: try store.keys(), root: ctx.root)
        ctx.out.line("-----> Added key \(name) (\(key.fingerprint))")
    }
}

struct SSHKeysList: PaasCommand {
    static let configuration = CommandConfiguration(commandName: "ssh-keys:list", abstract: "List the keys that may log in.")
    static let group = CommandGroup.keys

    @OptionGroup var output: FormatOption

    func run(_ ctx: CommandContext) throws {
        let keys = try ctx.platform.store.keys()
        switch output.format {
        case .json:
            try ctx.out.json(keys.map { ["name": $0.name, "fingerprint": $0.fingerprint] })
        case .text:
            for key in keys { ctx.out.line("\(key.name)  \(key.fingerprint)") }
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
